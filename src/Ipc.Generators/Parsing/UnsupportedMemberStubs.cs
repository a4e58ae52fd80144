using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Parsing;

/// <summary>
/// Declares, for a contract member that cannot become a channel, the explicit interface implementation the sending side
/// needs to implement the contract: every accessor or the method body throws. The member's analyzer diagnostic is an
/// error, so the stub only keeps the rest of the contract's typed API compiling; it is never meant to run.
/// </summary>
internal static class UnsupportedMemberStubs
{
    private const string Throw = "throw new global::System.NotSupportedException(\"This member is not a valid IPC channel; see the IpcGen diagnostic reported at it.\")";

    /// <summary>The stub's declaration, on one line.</summary>
    public static string Declare(ISymbol member) => member switch
    {
        IMethodSymbol method => DeclareMethod(method),
        IPropertySymbol { IsIndexer: true } indexer => $"{RefPrefix(indexer.ReturnsByRef, indexer.ReturnsByRefReadonly)}{TypeOf(indexer.Type)} {InterfaceOf(indexer)}.this[{Parameters(indexer.Parameters)}] {Accessors(indexer)}",
        IPropertySymbol property => $"{RefPrefix(property.ReturnsByRef, property.ReturnsByRefReadonly)}{TypeOf(property.Type)} {InterfaceOf(property)}.{ContractParser.EscapeKeyword(property.Name)} {Accessors(property)}",
        IEventSymbol @event => $"event {TypeOf(@event.Type)} {InterfaceOf(@event)}.{ContractParser.EscapeKeyword(@event.Name)} {{ add => {Throw}; remove => {Throw}; }}",
        _ => throw new System.ArgumentException("Contracts hold methods, properties and events only.", nameof(member)),
    };

    private static string DeclareMethod(IMethodSymbol method)
    {
        string typeParameters = method.TypeParameters.IsEmpty ? string.Empty : $"<{string.Join(", ", method.TypeParameters.Select(static t => t.Name))}>";
        string constraints = string.Concat(method.TypeParameters.Select(Constraint));
        string unsafeModifier = Signature(method).Any(IsPointer) ? "unsafe " : string.Empty;
        string returnType = method.ReturnsVoid ? "void" : RefPrefix(method.ReturnsByRef, method.ReturnsByRefReadonly) + TypeOf(method.ReturnType);
        return $"{unsafeModifier}{returnType} {InterfaceOf(method)}.{ContractParser.EscapeKeyword(method.Name)}{typeParameters}({Parameters(method.Parameters)}){constraints} => {Throw};";
    }

    /// <summary>
    /// An explicit implementation inherits its constraints; it may only restate <c>class</c> or <c>struct</c>, and needs
    /// <c>default</c> for an unconstrained <c>T?</c> to keep meaning what the interface meant.
    /// </summary>
    private static string Constraint(ITypeParameterSymbol typeParameter) =>
        typeParameter.HasValueTypeConstraint ? $" where {typeParameter.Name} : struct"
        : typeParameter.HasReferenceTypeConstraint ? $" where {typeParameter.Name} : class{(typeParameter.ReferenceTypeConstraintNullableAnnotation == NullableAnnotation.Annotated ? "?" : string.Empty)}"
        : $" where {typeParameter.Name} : default";

    private static string Accessors(IPropertySymbol property)
    {
        var accessors = new List<string>(2);
        if (property.GetMethod is not null)
        {
            accessors.Add($"get => {Throw};");
        }

        if (property.SetMethod is not null)
        {
            accessors.Add($"{(property.SetMethod.IsInitOnly ? "init" : "set")} => {Throw};");
        }

        return $"{{ {string.Join(" ", accessors)} }}";
    }

    private static string Parameters(IEnumerable<IParameterSymbol> parameters) =>
        string.Join(", ", parameters.Select(static p => $"{RefKindOf(p.RefKind)}{TypeOf(p.Type)} {ContractParser.EscapeKeyword(p.Name)}"));

    private static string RefKindOf(RefKind refKind) => refKind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        _ => string.Empty,
    };

    private static string RefPrefix(bool byRef, bool byRefReadonly) =>
        byRefReadonly ? "ref readonly " : byRef ? "ref " : string.Empty;

    private static IEnumerable<ITypeSymbol> Signature(IMethodSymbol method) =>
        method.Parameters.Select(static p => p.Type).Append(method.ReturnType);

    private static bool IsPointer(ITypeSymbol type) => type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer;

    private static string InterfaceOf(ISymbol member) => TypeOf(member.ContainingType);

    private static string TypeOf(ITypeSymbol type) => type.ToDisplayString(ContractParser.TypeFormat);
}
