using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Ipc.Generators.Model;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ipc.Generators.Parsing;

/// <summary>Turns an <c>[IpcChannel]</c> interface into a <see cref="ContractModel"/>, or null when nothing should be generated.</summary>
internal static class ContractParser
{
    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// Reads the contract. Returns null for a contract that breaks a rule of <see cref="ContractValidator"/>
    /// (the analyzers report those) and for shapes the generated code cannot reach: generic contracts,
    /// contracts inside generic or private types, and members whose names <see cref="GeneratedNames.Collides"/> rejects.
    /// </summary>
    public static ContractModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface, IsGenericType: false } contract
            || !TryGetVisibility(contract, out bool isPublic, out string containingTypes))
        {
            return null;
        }

        ContractDirection direction = DirectionOf(context.Attributes[0]);
        if (!ContractValidator.Validate(contract, direction).IsEmpty)
        {
            return null;
        }

        string @namespace = contract.ContainingNamespace.IsGlobalNamespace ? string.Empty : contract.ContainingNamespace.ToDisplayString();
        GeneratedNames names = GeneratedNames.For(contract.Name, containingTypes, @namespace, direction);
        var members = new List<MemberModel>();
        var payloads = new PayloadShapes(cancellationToken);
        foreach (ISymbol member in ContractMembers.Of(contract))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var method = (IMethodSymbol)member; // the validator has ruled out every other kind of member
            if (names.Collides(method.Name))
            {
                return null;
            }

            members.Add(ParseMember(method, payloads, cancellationToken));
        }

        members.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        return new ContractModel(
            @namespace,
            contract.ToDisplayString(s_typeFormat),
            names,
            isPublic,
            direction,
            members.ToEquatableArray(),
            payloads.Declarations(),
            DocumentationReader.ReadSummary(contract, cancellationToken));
    }

    /// <summary>
    /// The parameter's default as a constant expression of its type (a cast keeps enums and numeric suffixes right),
    /// valid both as an argument and as a parameter's default in a generated signature.
    /// </summary>
    private static string? DefaultValueOf(IParameterSymbol parameter, string type)
    {
        if (!parameter.HasExplicitDefaultValue)
        {
            return null;
        }

        object? value = parameter.ExplicitDefaultValue;
        if (value is null)
        {
            return "default(" + type + ")";
        }

        // A decimal keeps its suffix: through a double literal it would lose digits. A nullable value type casts to
        // its underlying type: a conversion to T? is not a constant, so `int? x = (int?)(5)` would not compile.
        string literal = SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + (value is decimal ? "M" : string.Empty);
        string constantType = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0].ToDisplayString(s_typeFormat)
            : type;
        return "(" + constantType + ")(" + literal + ")";
    }

    private static MemberModel ParseMember(IMethodSymbol method, PayloadShapes payloads, CancellationToken cancellationToken)
    {
        var parameters = new List<ParameterModel>(method.Parameters.Length);
        string? cancellationTokenName = null;
        bool cancellationTokenIsOptional = false;
        foreach (IParameterSymbol parameter in method.Parameters)
        {
            if (KnownTypes.IsCancellationToken(parameter.Type))
            {
                cancellationTokenName = EscapeKeyword(parameter.Name); // the validator allows it only last
                cancellationTokenIsOptional = parameter.HasExplicitDefaultValue;
                continue;
            }

            string type = parameter.Type.ToDisplayString(s_typeFormat);
            parameters.Add(new ParameterModel(EscapeKeyword(parameter.Name), type, DefaultValueOf(parameter, type), parameter.IsParams, payloads.ShapeOf(parameter.Type)));
        }

        MemberKind kind = ContractMembers.KindOf(method);
        ITypeSymbol? result = ContractMembers.ResultTypeOf(method);
        return new MemberModel(
            Name: EscapeKeyword(method.Name),
            ChannelName: ContractMembers.ChannelNameOf(method),
            ChannelTypeName: method.Name + "Channel",
            Kind: kind,
            Awaitable: AwaitableShapeOf(method.ReturnType, kind),
            ReturnType: method.ReturnType.ToDisplayString(s_typeFormat),
            ResultType: result?.ToDisplayString(s_typeFormat),
            ResultShape: result is null ? null : payloads.ShapeOf(result),
            Parameters: parameters.ToEquatableArray(),
            CancellationTokenName: cancellationTokenName,
            CancellationTokenIsOptional: cancellationTokenIsOptional,
            Documentation: DocumentationReader.ReadSummary(method, cancellationToken));
    }

    private static AwaitableShape AwaitableShapeOf(ITypeSymbol returnType, MemberKind kind) =>
        kind != MemberKind.Invoke ? AwaitableShape.None
        : KnownTypes.IsTask(returnType) ? AwaitableShape.Task
        : KnownTypes.IsTaskOfT(returnType) ? AwaitableShape.TaskOfT
        : KnownTypes.IsValueTask(returnType) ? AwaitableShape.ValueTask
        : AwaitableShape.ValueTaskOfT;

    private static ContractDirection DirectionOf(AttributeData attribute) =>
        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int value && value == (int)ContractDirection.MainToRenderer
            ? ContractDirection.MainToRenderer
            : ContractDirection.RendererToMain;

    /// <summary>
    /// Generated types live at namespace level, so the contract must be reachable from there: public or
    /// internal all the way out, and not inside a generic type.
    /// </summary>
    private static bool TryGetVisibility(INamedTypeSymbol contract, out bool isPublic, out string containingTypes)
    {
        isPublic = true;
        var outerNames = new List<string>();
        for (INamedTypeSymbol? type = contract; type is not null; type = type.ContainingType)
        {
            switch (type.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal or Accessibility.ProtectedOrInternal:
                    isPublic = false;
                    break;
                default:
                    containingTypes = string.Empty;
                    return false;
            }

            if (!SymbolEqualityComparer.Default.Equals(type, contract))
            {
                if (type.IsGenericType)
                {
                    containingTypes = string.Empty;
                    return false;
                }

                outerNames.Add(type.Name);
            }
        }

        outerNames.Reverse();
        containingTypes = string.Concat(outerNames);
        return true;
    }

    private static string EscapeKeyword(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
