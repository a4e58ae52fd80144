using System.Linq;
using Ipc.Generators.Emitting;
using Ipc.Generators.Model;
using Ipc.Generators.Parsing;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ipc.Generators;

/// <summary>Generates the typed IPC API of every <c>[IpcChannel]</c> interface.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class IpcChannelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ContractModel> contracts = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.ChannelAttribute,
                static (node, _) => node is InterfaceDeclarationSyntax,
                ContractParser.Parse)
            .WithTrackingName(TrackingNames.ParsedContracts)
            .Where(static contract => contract is not null)
            .Select(static (contract, _) => contract!)
            .WithTrackingName(TrackingNames.ValidContracts);

        IncrementalValueProvider<EquatableArray<string>> clashing = contracts
            .Collect()
            .Select(static (all, _) => ContractClashes.Find(all))
            .WithTrackingName(TrackingNames.ClashingContracts);

        IncrementalValuesProvider<GeneratedSource> sources = contracts
            .Combine(clashing)
            .Where(static pair => !pair.Right.Contains(pair.Left.InterfaceType))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.EmittedContracts)
            .Select(static (contract, _) => new GeneratedSource(contract.Names.HintName, ContractEmitter.Emit(contract)))
            .WithTrackingName(TrackingNames.GeneratedSources);

        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Text));
    }
}
