using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ipc.Generators.Model;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// IPC0008: a contract used the other way round, the mistake of forgetting (or adding) <c>IpcDirection.MainToRenderer</c>.
/// The compiler reports only what it sees (CS1061 on <c>e.Sender.Replies()</c>, CS1955 on <c>main.Replies().Reply("x")</c>,
/// CS0119 on <c>renderer.Replies().Reply.On(…)</c>); this names the attribute. It fires only on code that does not bind,
/// so it can never flag code that compiles.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ContractDirectionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>What the typed channel API lets a side do with a channel property: listen to it, or handle it.</summary>
    private static readonly ImmutableHashSet<string> s_listeningMethods =
        ImmutableHashSet.Create("On", "Once", "RemoveListener", "RemoveAllListeners", "Handle", "HandleOnce", "RemoveHandler");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.ContractUsedAgainstItsDirection);

    private enum Side
    {
        Main,
        Renderer,
        MainToOneRenderer,
    }

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (IpcTypes.TryCreate(start.Compilation) is not { } types)
            {
                return;
            }

            System.Lazy<ChannelCatalog> catalog = ChannelCatalog.Lazy(start.Compilation, types.IpcChannelAttribute);
            start.RegisterSyntaxNodeAction(nodeContext => Analyze(nodeContext, types, catalog), SyntaxKind.InvocationExpression);
        });
    }

    /// <summary>Looks at each <c>endpoint.Stem()</c> call and at what the code does with its result.</summary>
    private static void Analyze(SyntaxNodeAnalysisContext context, IpcTypes types, System.Lazy<ChannelCatalog> catalog)
    {
        var viewCall = (InvocationExpressionSyntax)context.Node;
        if (viewCall is not { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name: IdentifierNameSyntax stemName } stemAccess }
            || SideOf(context.SemanticModel.GetTypeInfo(stemAccess.Expression, context.CancellationToken).Type, types) is not { } side)
        {
            return;
        }

        string stem = stemName.Identifier.ValueText;
        IMethodSymbol? viewMethod = context.SemanticModel.GetSymbolInfo(viewCall, context.CancellationToken).Symbol as IMethodSymbol;
        if (viewMethod is null)
        {
            // e.Sender.Replies() exists only for main → renderer contracts.
            if (side == Side.MainToOneRenderer
                && SingleContract(catalog.Value.ContractsWithStem(stem), static review => true) is { Direction: ContractDirection.RendererToMain } contract)
            {
                Report(context, stemName.GetLocation(), "Main sends", contract.Contract, ContractDirection.MainToRenderer);
            }

            return;
        }

        // Cheap syntax and binding checks first: the catalog is built only for code that does not compile.
        if (viewMethod.ReducedFrom is null
            || viewCall.Parent is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax memberName } memberAccess
            || memberAccess.Expression != viewCall
            || UsageOf(context, memberAccess) is not { } sends
            || SingleContract(catalog.Value.ContractsWithStem(stem), review => GeneratesExtensionsClass(review, viewMethod.ContainingType)) is not { } review
            || !DeclaresMember(review.Contract, memberName.Identifier.ValueText))
        {
            return;
        }

        // Main sends main → renderer contracts and listens to renderer → main ones; a renderer the other way round.
        ContractDirection needed = (side == Side.Renderer) == sends ? ContractDirection.RendererToMain : ContractDirection.MainToRenderer;
        if (review.Direction != needed)
        {
            string doing = (side == Side.Renderer ? "A renderer " : "Main ") + (sends ? "sends" : "listens to");
            Report(context, memberName.GetLocation(), doing, review.Contract, needed);
        }
    }

    /// <summary>
    /// True when <c>view.Member(…)</c> is called as a method (sending), false when <c>view.Member.On(…)</c> and the like
    /// are (listening); null otherwise. Only usages that do not bind count: anything that compiles is left alone.
    /// </summary>
    private static bool? UsageOf(SyntaxNodeAnalysisContext context, MemberAccessExpressionSyntax memberAccess)
    {
        if (memberAccess.Parent is InvocationExpressionSyntax call && call.Expression == memberAccess)
        {
            return context.SemanticModel.GetSymbolInfo(call, context.CancellationToken).Symbol is null ? true : null;
        }

        if (memberAccess.Parent is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax listening } listeningAccess
            && listeningAccess.Expression == memberAccess
            && s_listeningMethods.Contains(listening.Identifier.ValueText)
            && context.SemanticModel.GetSymbolInfo(listeningAccess, context.CancellationToken).Symbol is null)
        {
            return false;
        }

        return null;
    }

    private static Side? SideOf(ITypeSymbol? type, IpcTypes types) =>
        DerivesFrom(type, types.IpcMain) ? Side.Main
        : DerivesFrom(type, types.IpcRenderer) ? Side.Renderer
        : DerivesFrom(type, types.IpcSender) ? Side.MainToOneRenderer
        : null;

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol expected)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The one contract that matches, or null when none or several do (nothing is inferred from an ambiguous name).</summary>
    private static ContractReview? SingleContract(IReadOnlyList<ContractReview> contracts, System.Func<ContractReview, bool> matches)
    {
        ContractReview? found = null;
        foreach (ContractReview review in contracts)
        {
            if (matches(review))
            {
                if (found is not null)
                {
                    return null;
                }

                found = review;
            }
        }

        return found;
    }

    private static bool GeneratesExtensionsClass(ContractReview review, INamedTypeSymbol? type) =>
        type is not null
        && review.Names!.ExtensionsClass == type.Name
        && review.Placement!.Namespace == (type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString());

    private static bool DeclaresMember(INamedTypeSymbol contract, string name) =>
        ContractMembers.Of(contract).Any(member => member is IMethodSymbol && member.Name == name);

    private static void Report(SyntaxNodeAnalysisContext context, Location location, string doing, INamedTypeSymbol contract, ContractDirection needed)
    {
        bool toRenderer = needed == ContractDirection.MainToRenderer;
        context.ReportDiagnostic(Diagnostic.Create(
            DiagnosticDescriptors.ContractUsedAgainstItsDirection,
            location,
            doing,
            contract.Name,
            toRenderer ? "renderer → main" : "main → renderer",
            toRenderer
                ? "declare it [IpcChannel(IpcDirection.MainToRenderer)] for main to send it and renderers to listen"
                : "declare it [IpcChannel] (renderer → main, the default) for renderers to send it and main to listen"));
    }
}
