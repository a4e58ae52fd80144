using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Ipc.Generators.Model;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Diagnostics.Analyzers;

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
/// of the compilation and of referenced assemblies that use the runtime are included. It also finds contracts by the
/// name of their generated extension methods, for the direction rule (IPC0008).
/// </summary>
internal sealed class ChannelCatalog
{
    private readonly Dictionary<(string Name, ContractDirection Direction), List<ChannelDeclaration>> _channels;
    private readonly Dictionary<string, List<ContractReview>> _contractsByStem;

    private ChannelCatalog(
        Dictionary<(string Name, ContractDirection Direction), List<ChannelDeclaration>> channels,
        Dictionary<string, List<ContractReview>> contractsByStem)
    {
        _channels = channels;
        _contractsByStem = contractsByStem;
    }

    /// <summary>The contracts that get code and whose extension methods are named <paramref name="stem"/> (<c>main.PingPong()</c>).</summary>
    public IReadOnlyList<ContractReview> ContractsWithStem(string stem) =>
        _contractsByStem.TryGetValue(stem, out List<ContractReview>? contracts) ? contracts : [];

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
        var catalog = new ChannelCatalog(
            new Dictionary<(string, ContractDirection), List<ChannelDeclaration>>(),
            new Dictionary<string, List<ContractReview>>(System.StringComparer.Ordinal));
        catalog.AddContracts(compilation.Assembly.GlobalNamespace, compilation, channelAttribute, cancellationToken);
        foreach (IAssemblySymbol referenced in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (UsesAssembly(referenced, channelAttribute.ContainingAssembly))
            {
                catalog.AddContracts(referenced.GlobalNamespace, compilation, channelAttribute, cancellationToken);
            }
        }

        return catalog;
    }

    private static bool UsesAssembly(IAssemblySymbol assembly, IAssemblySymbol runtime) =>
        assembly.Modules.Any(module => module.ReferencedAssemblies.Any(identity => identity.Name == runtime.Identity.Name));

    private void AddContracts(
        INamespaceSymbol @namespace,
        Compilation compilation,
        INamedTypeSymbol channelAttribute,
        CancellationToken cancellationToken)
    {
        foreach (INamespaceOrTypeSymbol member in @namespace.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol nested)
            {
                AddContracts(nested, compilation, channelAttribute, cancellationToken);
            }
            else if (member is INamedTypeSymbol type)
            {
                AddType(type, compilation, channelAttribute);
            }
        }
    }

    private void AddType(INamedTypeSymbol type, Compilation compilation, INamedTypeSymbol channelAttribute)
    {
        foreach (INamedTypeSymbol nested in type.GetTypeMembers())
        {
            AddType(nested, compilation, channelAttribute);
        }

        if (type.TypeKind != TypeKind.Interface || ContractAttributeOf(type, channelAttribute) is not { } attribute)
        {
            return;
        }

        ContractReview review = ContractValidator.Review(type, attribute);
        ContractDirection direction = review.Direction;
        INamedTypeSymbol? extensions = review is { Names: { } names, Placement: { } placement } ? GeneratedExtensionsOf(type, names, placement, compilation) : null;
        if (review.Names is { } generated)
        {
            AddTo(_contractsByStem, generated.Stem, review);
        }

        foreach (ISymbol symbol in ContractMembers.Of(type))
        {
            if (symbol is not IMethodSymbol method)
            {
                continue;
            }

            string channel = ContractMembers.ChannelNameOf(method);
            TypedChannelApi? typedApi = extensions is not null && review.Supports(method) ? new TypedChannelApi(extensions, review.Names!.Stem, method.Name) : null;
            AddTo(_channels, (channel, direction), new ChannelDeclaration(type, method, channel, ContractMembers.KindOf(method), direction, typedApi));
        }
    }

    private static void AddTo<TKey, TValue>(Dictionary<TKey, List<TValue>> lists, TKey key, TValue value)
    {
        if (!lists.TryGetValue(key, out List<TValue>? list))
        {
            list = new List<TValue>(1);
            lists.Add(key, list);
        }

        list.Add(value);
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

    /// <summary>The generated extensions class of a contract that gets code, when the generator has produced it.</summary>
    private static INamedTypeSymbol? GeneratedExtensionsOf(INamedTypeSymbol contract, GeneratedNames names, ContractPlacement placement, Compilation compilation)
    {
        string metadataName = placement.Namespace.Length == 0 ? names.ExtensionsClass : placement.Namespace + "." + names.ExtensionsClass;
        INamedTypeSymbol? extensions = SymbolEqualityComparer.Default.Equals(contract.ContainingAssembly, compilation.Assembly)
            ? compilation.GetTypeByMetadataName(metadataName)
            : contract.ContainingAssembly.GetTypeByMetadataName(metadataName);
        return extensions is not null && !extensions.GetMembers(names.Stem).IsEmpty ? extensions : null;
    }
}
