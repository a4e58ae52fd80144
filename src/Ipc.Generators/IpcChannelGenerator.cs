using System.Linq;
using Ipc.Generators.Emitting;
using Ipc.Generators.Emitting.TypeScript;
using Ipc.Generators.Model;
using Ipc.Generators.Parsing;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ipc.Generators;

/// <summary>
/// Generates the typed IPC API of every <c>[IpcChannel]</c> interface, and, when the project sets
/// <c>IpcGenTypeScriptOutputPath</c>, the TypeScript and JavaScript client modules of the same contracts.
/// </summary>
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

        IncrementalValuesProvider<ContractModel> emitted = contracts
            .Combine(clashing)
            .Where(static pair => !pair.Right.Contains(pair.Left.InterfaceType))
            .Select(static (pair, _) => pair.Left)
            .WithTrackingName(TrackingNames.EmittedContracts);

        IncrementalValuesProvider<GeneratedSource> sources = emitted
            .Select(static (contract, _) => new GeneratedSource(contract.Names.HintName, ContractEmitter.Emit(contract)))
            .WithTrackingName(TrackingNames.GeneratedSources);

        context.RegisterSourceOutput(sources, static (output, source) => output.AddSource(source.HintName, source.Text));

        IncrementalValueProvider<bool> typeScriptRequested = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => TypeScriptOutput.IsRequested(options.GlobalOptions))
            .WithTrackingName(TrackingNames.TypeScriptRequested);

        IncrementalValueProvider<PropertyNamingPolicy> namingPolicy = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                SerializerContexts.OptionsAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                SerializerContexts.Parse)
            .WithTrackingName(TrackingNames.SerializerContexts)
            .Collect()
            .Select(static (all, _) => SerializerContexts.Choose(all))
            .WithTrackingName(TrackingNames.NamingPolicy);

        IncrementalValuesProvider<ContractModel> withModules = emitted
            .Combine(typeScriptRequested)
            .Where(static pair => pair.Right)
            .Select(static (pair, _) => pair.Left);

        IncrementalValueProvider<EquatableArray<string>> sharedModuleNames = withModules
            .Collect()
            .Select(static (all, _) => ClientModules.FindSharedNames(all))
            .WithTrackingName(TrackingNames.SharedModuleNames);

        IncrementalValuesProvider<GeneratedSource> modules = withModules
            .Combine(namingPolicy)
            .Combine(sharedModuleNames)
            .SelectMany(static (input, _) => ClientModules.Emit(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(TrackingNames.ClientModules);

        context.RegisterSourceOutput(modules, static (output, source) => output.AddSource(source.HintName, source.Text));
    }
}
