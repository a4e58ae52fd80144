using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Ipc.Generators.Model;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Analyzers;

/// <summary>One contract member as seen from untyped code: the channel a string names.</summary>
/// <param name="Contract">The <c>[IpcChannel]</c> interface that declares (or inherits) the member.</param>
/// <param name="TypedApi">
/// How the generated typed API reaches the channel, or null when no typed API exists for it (the contract is
/// invalid, or the generator did not run).
/// </param>
internal sealed record ChannelDeclaration(
    INamedTypeSymbol Contract,
    IMethodSymbol Method,
    string ChannelName,
    MemberKind Kind,
    ContractDirection Direction,
    TypedChannelApi? TypedApi);

/// <summary>The generated typed API of one channel: <c>endpoint.{ViewMethod}().{ChannelProperty}</c>.</summary>
/// <param name="ExtensionsClass">The generated static class holding <paramref name="ViewMethod"/>.</param>
internal sealed record TypedChannelApi(INamedTypeSymbol ExtensionsClass, string ViewMethod, string ChannelProperty);

/// <summary>
/// Every channel the <c>[IpcChannel]</c> contracts of a compilation declare, by name and direction: what lets the
/// analyzers tell what an untyped <c>main.On("name", …)</c> or <c>renderer.Send("name", …)</c> is about. Contracts
/// of the compilation and of referenced assemblies that use the runtime are included.
/// </summary>
internal sealed class ChannelCatalog
{
    private readonly Dictionary<(string Name, ContractDirection Direction), List<ChannelDeclaration>> _channels;

    private ChannelCatalog(Dictionary<(string Name, ContractDirection Direction), List<ChannelDeclaration>> channels) => _channels = channels;

    /// <summary>
    /// A catalog built on first use and then shared by every operation callback of one compilation: most
    /// compilations never call an IPC method with a string channel, and they should not pay for the scan.
    /// </summary>
    public static System.Lazy<ChannelCatalog> Lazy(Compilation compilation, INamedTypeSymbol channelAttribute) =>
        new(() => Build(compilation, channelAttribute, CancellationToken.None), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The single contract member that declares <paramref name="channel"/> in <paramref name="direction"/>, or null when
    /// none does, or when several do (an IPC1004 clash: the name is ambiguous, so nothing is inferred from it).
    /// </summary>
    public ChannelDeclaration? Find(string channel, ContractDirection direction) =>
        _channels.TryGetValue((channel, direction), out List<ChannelDeclaration>? declarations) && declarations.Count == 1
            ? declarations[0]
            : null;

    public static ChannelCatalog Build(Compilation compilation, INamedTypeSymbol channelAttribute, CancellationToken cancellationToken)
    {
        var channels = new Dictionary<(string, ContractDirection), List<ChannelDeclaration>>();
        AddContracts(compilation.Assembly.GlobalNamespace, compilation, channelAttribute, channels, cancellationToken);
        foreach (IAssemblySymbol referenced in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (UsesAssembly(referenced, channelAttribute.ContainingAssembly))
            {
                AddContracts(referenced.GlobalNamespace, compilation, channelAttribute, channels, cancellationToken);
            }
        }

        return new ChannelCatalog(channels);
    }

    private static bool UsesAssembly(IAssemblySymbol assembly, IAssemblySymbol runtime) =>
        assembly.Modules.Any(module => module.ReferencedAssemblies.Any(identity => identity.Name == runtime.Identity.Name));

    private static void AddContracts(
        INamespaceSymbol @namespace,
        Compilation compilation,
        INamedTypeSymbol channelAttribute,
        Dictionary<(string, ContractDirection), List<ChannelDeclaration>> channels,
        CancellationToken cancellationToken)
    {
        foreach (INamespaceOrTypeSymbol member in @namespace.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol nested)
            {
                AddContracts(nested, compilation, channelAttribute, channels, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                AddType(type, compilation, channelAttribute, channels);
            }
        }
    }

    private static void AddType(
        INamedTypeSymbol type,
        Compilation compilation,
        INamedTypeSymbol channelAttribute,
        Dictionary<(string, ContractDirection), List<ChannelDeclaration>> channels)
    {
        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            AddType(nested, compilation, channelAttribute, channels);
        }

        if (type.TypeKind != TypeKind.Interface || ContractAttributeOf(type, channelAttribute) is not { } attribute)
        {
            return;
        }

        ContractDirection direction = ContractDirections.Of(attribute);
        bool valid = !type.IsGenericType && ContractValidator.Validate(type, direction).IsEmpty;
        GeneratedNames? names = null;
        INamedTypeSymbol? extensions = valid ? GeneratedExtensionsOf(type, direction, compilation, out names) : null;
        foreach (ISymbol symbol in ContractMembers.Of(type))
        {
            if (symbol is not IMethodSymbol method)
            {
                continue;
            }

            string channel = ContractMembers.ChannelNameOf(method);
            TypedChannelApi? typedApi = extensions is null || names is null ? null : new TypedChannelApi(extensions, names.Stem, method.Name);
            var declaration = new ChannelDeclaration(type, method, channel, ContractMembers.KindOf(method), direction, typedApi);
            if (!channels.TryGetValue((channel, direction), out List<ChannelDeclaration>? list))
            {
                list = new List<ChannelDeclaration>(1);
                channels.Add((channel, direction), list);
            }

            list.Add(declaration);
        }
    }

    /// <summary>The contract's <c>[IpcChannel]</c> attribute, if it has one.</summary>
    public static AttributeData? ContractAttributeOf(INamedTypeSymbol type, INamedTypeSymbol channelAttribute)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, channelAttribute))
            {
                return attribute;
            }
        }

        return null;
    }

    /// <summary>The generated extensions class of a valid contract, when the generator has produced it.</summary>
    private static INamedTypeSymbol? GeneratedExtensionsOf(INamedTypeSymbol contract, ContractDirection direction, Compilation compilation, out GeneratedNames names)
    {
        var outerNames = new List<string>();
        for (INamedTypeSymbol? outer = contract.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            outerNames.Insert(0, outer.Name);
        }

        string @namespace = contract.ContainingNamespace.IsGlobalNamespace ? string.Empty : contract.ContainingNamespace.ToDisplayString();
        names = GeneratedNames.For(contract.Name, string.Concat(outerNames), @namespace, direction);
        string metadataName = @namespace.Length == 0 ? names.ExtensionsClass : @namespace + "." + names.ExtensionsClass;
        INamedTypeSymbol? extensions = SymbolEqualityComparer.Default.Equals(contract.ContainingAssembly, compilation.Assembly)
            ? compilation.GetTypeByMetadataName(metadataName)
            : contract.ContainingAssembly.GetTypeByMetadataName(metadataName);
        return extensions is not null && !extensions.GetMembers(names.Stem).IsEmpty ? extensions : null;
    }
}
