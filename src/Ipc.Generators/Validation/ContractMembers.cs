using System.Collections.Immutable;
using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>How a contract's members are found and read; shared by the validator and the parser so they agree.</summary>
internal static class ContractMembers
{
    /// <summary>
    /// The members that make up <paramref name="contract"/>: its own, then those of every base interface, in
    /// declaration order. Static members, nested types, accessors and explicit implementations are not channels.
    /// </summary>
    public static ImmutableArray<ISymbol> Of(INamedTypeSymbol contract)
    {
        var members = ImmutableArray.CreateBuilder<ISymbol>();
        AddOwn(contract, members);
        foreach (INamedTypeSymbol baseInterface in contract.AllInterfaces)
        {
            AddOwn(baseInterface, members);
        }

        return members.ToImmutable();
    }

    /// <summary>The kind of channel a method is, from its return type.</summary>
    public static MemberKind KindOf(IMethodSymbol method) =>
        method.ReturnsVoid ? MemberKind.Message
        : KnownTypes.IsAwaitable(method.ReturnType) ? MemberKind.Invoke
        : MemberKind.Sync;

    /// <summary>The value that travels back: a sync member's return type, or the <c>T</c> of an invoke member's task.</summary>
    public static ITypeSymbol? ResultTypeOf(IMethodSymbol method) => KindOf(method) switch
    {
        MemberKind.Sync => method.ReturnType,
        MemberKind.Invoke when method.ReturnType is INamedTypeSymbol { Arity: 1 } task => task.TypeArguments[0],
        _ => null,
    };

    /// <summary>The channel a method uses: its <c>[IpcChannelName]</c>, or else the kebab-case of its name.</summary>
    public static string ChannelNameOf(IMethodSymbol method) =>
        ExplicitChannelNameOf(method, out string? name) ? name ?? string.Empty : ChannelNaming.ToKebabCase(method.Name);

    /// <summary>True when <paramref name="method"/> carries <c>[IpcChannelName]</c>; <paramref name="name"/> is its argument.</summary>
    public static bool ExplicitChannelNameOf(IMethodSymbol method, out string? name)
    {
        foreach (AttributeData attribute in method.GetAttributes())
        {
            if (KnownTypes.IsChannelNameAttribute(attribute.AttributeClass))
            {
                name = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
                return true;
            }
        }

        name = null;
        return false;
    }

    private static void AddOwn(INamedTypeSymbol type, ImmutableArray<ISymbol>.Builder members)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member.IsStatic || member is INamedTypeSymbol)
            {
                continue;
            }

            if (member is IMethodSymbol method && method.MethodKind != MethodKind.Ordinary)
            {
                continue; // property and event accessors are reported with their property or event
            }

            members.Add(member);
        }
    }
}
