using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ipc.Generators.Model;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// Reports the contract rules IPC1001–IPC1012 from <see cref="ContractValidator"/>, the review the generator uses to
/// decide what gets code: whatever the generator leaves out is explained here, where it is declared. Clashes between
/// contracts (IPC1004 channel names, IPC1012 generated names) are found once the whole compilation has been seen.
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
        DiagnosticDescriptors.InvalidChannelName,
        DiagnosticDescriptors.GenericContract,
        DiagnosticDescriptors.UnreachableContract,
        DiagnosticDescriptors.MemberNameCollidesWithGeneratedCode,
        DiagnosticDescriptors.ContractsGenerateTheSameCode);

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

            var reviews = new ConcurrentBag<ContractReview>();
            start.RegisterSymbolAction(
                symbolContext => AnalyzeContract(symbolContext, channelAttribute, reviews),
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                // A stable order, so that "as does X" names the same member from one build to the next.
                List<ContractReview> ordered = reviews
                    .OrderBy(static review => review.Contract.ToDisplayString(), System.StringComparer.Ordinal)
                    .ToList();
                ReportChannelClashes(end, ordered);
                ReportGeneratedNameClashes(end, ordered);
            });
        });
    }

    private static void AnalyzeContract(SymbolAnalysisContext context, INamedTypeSymbol channelAttribute, ConcurrentBag<ContractReview> reviews)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Interface } contract
            || ChannelCatalog.ContractAttributeOf(contract, channelAttribute) is not { } attribute)
        {
            return;
        }

        ContractReview review = ContractValidator.Review(contract, attribute);
        reviews.Add(review);
        foreach (ContractProblem problem in review.Problems)
        {
            // Clashes are reported once the whole compilation has been seen, with those between contracts.
            if (problem.RuleId != DiagnosticIds.DuplicateChannelName)
            {
                Report(context.ReportDiagnostic, contract, problem.Member, DiagnosticDescriptors.ForContractRule(problem.RuleId), [.. problem.Arguments]);
            }
        }
    }

    private static void ReportChannelClashes(CompilationAnalysisContext context, List<ContractReview> reviews)
    {
        var claims = new List<ChannelClaim>();
        var owners = new List<(INamedTypeSymbol Contract, IMethodSymbol Method)>();
        foreach (ContractReview review in reviews)
        {
            string contractName = review.Contract.ToDisplayString();
            foreach (ISymbol member in ContractMembers.Of(review.Contract))
            {
                if (member is IMethodSymbol method)
                {
                    claims.Add(new ChannelClaim(contractName, method.Name, ContractMembers.ChannelNameOf(method), review.Direction));
                    owners.Add((review.Contract, method));
                }
            }
        }

        var reported = new HashSet<(INamedTypeSymbol, IMethodSymbol)>();
        foreach ((int index, int firstIndex) in ChannelClaim.FindClashes(claims))
        {
            ChannelClaim claim = claims[index];
            ChannelClaim first = claims[firstIndex];
            string other = claim.Contract == first.Contract ? $"'{first.Member}'" : $"'{first.Contract}.{first.Member}'";
            ReportClash(context, owners[index], [claim.Member, claim.Channel, other], reported);
            if (claim.Contract != first.Contract)
            {
                ReportClash(context, owners[firstIndex], [first.Member, first.Channel, $"'{claim.Contract}.{claim.Member}'"], reported);
            }
        }
    }

    private static void ReportClash(
        CompilationAnalysisContext context,
        (INamedTypeSymbol Contract, IMethodSymbol Method) owner,
        string[] arguments,
        HashSet<(INamedTypeSymbol, IMethodSymbol)> reported)
    {
        if (reported.Add(owner))
        {
            Report(context.ReportDiagnostic, owner.Contract, owner.Method, DiagnosticDescriptors.DuplicateChannelName, arguments);
        }
    }

    /// <summary>IPC1012: contracts whose generated names (and so generated file) are equal; the generator skips them all.</summary>
    private static void ReportGeneratedNameClashes(CompilationAnalysisContext context, List<ContractReview> reviews)
    {
        foreach (IGrouping<string, ContractReview> sameFile in reviews
            .Where(static review => review.CanGetCode)
            .GroupBy(static review => review.Names!.HintName, System.StringComparer.Ordinal))
        {
            List<ContractReview> clashing = sameFile.ToList();
            for (int i = 0; i < clashing.Count && clashing.Count > 1; i++)
            {
                ContractReview other = clashing[i == 0 ? 1 : 0];
                Report(
                    context.ReportDiagnostic,
                    clashing[i].Contract,
                    clashing[i].Contract,
                    DiagnosticDescriptors.ContractsGenerateTheSameCode,
                    [clashing[i].Contract.ToDisplayString(), other.Contract.ToDisplayString(), clashing[i].Names!.ExtensionsClass]);
            }
        }
    }

    /// <summary>
    /// Reports at the member when the contract declares it in source, and otherwise (a member inherited from an
    /// interface declared elsewhere) at the contract; the message then names the member with its interface.
    /// </summary>
    private static void Report(System.Action<Diagnostic> report, INamedTypeSymbol contract, ISymbol member, DiagnosticDescriptor descriptor, object[] arguments)
    {
        ISymbol owner = member is IParameterSymbol parameter ? parameter.ContainingSymbol : member;
        Location? location = SymbolEqualityComparer.Default.Equals(owner, contract) || SymbolEqualityComparer.Default.Equals(owner.ContainingType, contract)
            ? member.Locations.FirstOrDefault(static l => l.IsInSource)
            : null;
        location ??= contract.Locations.FirstOrDefault(static l => l.IsInSource);
        if (location is not null)
        {
            report(Diagnostic.Create(descriptor, location, arguments));
        }
    }
}
