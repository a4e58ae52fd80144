using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Model;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ipc.Generators.Analyzers;

/// <summary>
/// Reports the contract rules IPC1001–IPC1008 with <see cref="ContractValidator"/>, the function the generator uses to
/// decide which contracts get code: what the generator skips silently is explained here, at the member.
/// Channel-name clashes (IPC1004) are found across every contract of the compilation once all have been seen.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContractAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PropertyOrEventInContract,
        DiagnosticDescriptors.GenericMethodInContract,
        DiagnosticDescriptors.ByReferenceInContract,
        DiagnosticDescriptors.DuplicateChannelName,
        DiagnosticDescriptors.MisplacedCancellationToken,
        DiagnosticDescriptors.MainToRendererReturnsValue,
        DiagnosticDescriptors.NotSerializable,
        DiagnosticDescriptors.InvalidChannelName);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (start.Compilation.GetTypeByMetadataName(KnownTypes.ChannelAttribute) is not { } channelAttribute)
            {
                return;
            }

            var contracts = new ConcurrentBag<(INamedTypeSymbol Contract, ContractDirection Direction)>();
            start.RegisterSymbolAction(
                symbolContext => AnalyzeContract(symbolContext, channelAttribute, contracts),
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => ReportChannelClashes(end, contracts));
        });
    }

    private static void AnalyzeContract(
        SymbolAnalysisContext context,
        INamedTypeSymbol channelAttribute,
        ConcurrentBag<(INamedTypeSymbol Contract, ContractDirection Direction)> contracts)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } contract
            || ChannelCatalog.ContractAttributeOf(contract, channelAttribute) is not { } attribute)
        {
            return;
        }

        ContractDirection direction = ContractDirections.Of(attribute);
        contracts.Add((contract, direction));
        foreach (ContractProblem problem in ContractValidator.Validate(contract, direction))
        {
            // Clashes are reported once the whole compilation has been seen, with those between contracts.
            if (problem.RuleId != ContractRules.DuplicateChannelName)
            {
                Report(context.ReportDiagnostic, contract, problem.Member, DiagnosticDescriptors.ForContractRule(problem.RuleId), problem.Message);
            }
        }
    }

    private static void ReportChannelClashes(
        CompilationAnalysisContext context,
        ConcurrentBag<(INamedTypeSymbol Contract, ContractDirection Direction)> contracts)
    {
        // A stable order, so that "as does X" names the same member from one build to the next.
        var ordered = contracts
            .OrderBy(static c => c.Contract.ToDisplayString(), System.StringComparer.Ordinal)
            .ToList();
        var claims = new List<ChannelClaim>();
        var owners = new List<(INamedTypeSymbol Contract, IMethodSymbol Method)>();
        foreach ((INamedTypeSymbol contract, ContractDirection direction) in ordered)
        {
            string contractName = contract.ToDisplayString();
            foreach (ISymbol member in ContractMembers.Of(contract))
            {
                if (member is IMethodSymbol method)
                {
                    claims.Add(new ChannelClaim(contractName, method.Name, ContractMembers.ChannelNameOf(method), direction));
                    owners.Add((contract, method));
                }
            }
        }

        var reported = new HashSet<(INamedTypeSymbol, IMethodSymbol)>();
        foreach ((int index, int firstIndex) in ChannelClaim.FindClashes(claims))
        {
            ChannelClaim claim = claims[index];
            ChannelClaim first = claims[firstIndex];
            string other = claim.Contract == first.Contract ? $"'{first.Member}'" : $"'{first.Contract}.{first.Member}'";
            ReportClash(context, owners[index], $"'{claim.Member}' uses channel '{claim.Channel}', as does {other}", reported);
            if (claim.Contract != first.Contract)
            {
                ReportClash(context, owners[firstIndex], $"'{first.Member}' uses channel '{first.Channel}', as does '{claim.Contract}.{claim.Member}'", reported);
            }
        }
    }

    private static void ReportClash(
        CompilationAnalysisContext context,
        (INamedTypeSymbol Contract, IMethodSymbol Method) owner,
        string message,
        HashSet<(INamedTypeSymbol, IMethodSymbol)> reported)
    {
        if (reported.Add(owner))
        {
            Report(context.ReportDiagnostic, owner.Contract, owner.Method, DiagnosticDescriptors.DuplicateChannelName, message);
        }
    }

    /// <summary>
    /// Reports at the member when the contract declares it in source, and otherwise (a member inherited from an
    /// interface declared elsewhere) at the contract, naming where the member comes from.
    /// </summary>
    private static void Report(System.Action<Diagnostic> report, INamedTypeSymbol contract, ISymbol member, DiagnosticDescriptor descriptor, string message)
    {
        ISymbol owner = member is IParameterSymbol parameter ? parameter.ContainingSymbol : member;
        Location? location = SymbolEqualityComparer.Default.Equals(owner.ContainingType, contract)
            ? member.Locations.FirstOrDefault(static l => l.IsInSource)
            : null;
        if (location is null)
        {
            location = contract.Locations.FirstOrDefault(static l => l.IsInSource);
            message += $" (inherited from '{owner.ContainingType?.ToDisplayString()}')";
        }

        if (location is not null)
        {
            report(Diagnostic.Create(descriptor, location, message));
        }
    }
}
