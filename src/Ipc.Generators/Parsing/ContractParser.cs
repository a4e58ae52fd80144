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
    /// <summary>How generated code spells a type: fully qualified, with nullable annotations.</summary>
    internal static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>
    /// Reads the contract, keeping only what <see cref="ContractValidator.Review(INamedTypeSymbol, ContractDirection)"/>
    /// supports: null for a contract that cannot get code (generic, unreachable); otherwise every valid member becomes a
    /// channel, and each invalid one is left out (the sending side implements it with a stub that throws) so that the
    /// analyzer's diagnostic is the only error its user sees.
    /// </summary>
    public static ContractModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } contract)
        {
            return null;
        }

        ContractReview review = ContractValidator.Review(contract, context.Attributes[0]);
        if (review is not { Placement: { } placement, Names: { } names })
        {
            return null;
        }

        var members = new List<MemberModel>();
        var unsupported = new List<string>();
        var payloads = new PayloadShapes(cancellationToken);
        foreach (ISymbol member in ContractMembers.Of(contract))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (review.Supports(member))
            {
                members.Add(ParseMember((IMethodSymbol)member, payloads, cancellationToken));
            }
            else
            {
                unsupported.Add(UnsupportedMemberStubs.Declare(member));
            }
        }

        members.Sort(static (left, right) => string.CompareOrdinal(left.Name, right.Name));
        return new ContractModel(
            placement.Namespace,
            contract.ToDisplayString(TypeFormat),
            names,
            placement.IsPublic,
            review.Direction,
            members.ToEquatableArray(),
            unsupported.ToEquatableArray(),
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
            return $"default({type})";
        }

        // A decimal keeps its suffix: through a double literal it would lose digits. A nullable value type casts to
        // its underlying type: a conversion to T? is not a constant, so `int? x = (int?)(5)` would not compile.
        string literal = SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false) + (value is decimal ? "M" : string.Empty);
        string constantType = parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0].ToDisplayString(TypeFormat)
            : type;
        return $"({constantType})({literal})";
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

            string type = parameter.Type.ToDisplayString(TypeFormat);
            parameters.Add(new ParameterModel(EscapeKeyword(parameter.Name), type, DefaultValueOf(parameter, type), parameter.IsParams, payloads.ShapeOf(parameter.Type)));
        }

        MemberKind kind = ContractMembers.KindOf(method);
        ITypeSymbol? result = ContractMembers.ResultTypeOf(method);
        return new MemberModel(
            Name: EscapeKeyword(method.Name),
            ChannelName: ContractMembers.ChannelNameOf(method),
            ChannelTypeName: $"{method.Name}Channel",
            Kind: kind,
            Awaitable: AwaitableShapeOf(method.ReturnType, kind),
            ReturnType: method.ReturnType.ToDisplayString(TypeFormat),
            ResultType: result?.ToDisplayString(TypeFormat),
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

    internal static string EscapeKeyword(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? $"@{name}" : name;
}
