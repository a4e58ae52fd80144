using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// The listener rules IPC0001–IPC0004, on main-process listeners whose channel kind is known (see
/// <see cref="ListenerRegistration"/>): lambdas, anonymous methods and method groups, whose body is analysed.
/// Silent whenever the event escapes the listener, since the reply may then be sent out of sight.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ListenerAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The name of the diagnostic property that holds the event parameter's name (IPC0001's code fix reads it).</summary>
    public const string EventParameterProperty = "EventParameter";

    /// <summary>
    /// The name of the diagnostic property that says whether <c>default</c> is a reply the channel's type allows
    /// (<c>"true"</c> for a value type or a nullable type): IPC0001's code fix writes no null a type forbids.
    /// </summary>
    public const string ReplyAllowsDefaultProperty = "ReplyAllowsDefault";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SyncListenerNeverSetsReturnValue,
        DiagnosticDescriptors.SyncListenerSetsReturnValueOnSomePaths,
        DiagnosticDescriptors.ReturnValueSetAfterAwait,
        DiagnosticDescriptors.ReturnValueOnFireAndForgetChannel);

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
            var reportedInMethods = new ConcurrentDictionary<(string Id, Location Location), bool>();
            start.RegisterOperationAction(
                operationContext => Analyze(operationContext, types, () => catalog.Value, reportedInMethods),
                OperationKind.Invocation);
        });
    }

    private static void Analyze(
        OperationAnalysisContext context,
        IpcTypes types,
        System.Func<ChannelCatalog> catalog,
        ConcurrentDictionary<(string Id, Location Location), bool> reportedInMethods)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (ListenerRegistration.From(invocation, types, catalog) is not { } registration
            || ListenerBody.Find(registration.Listener, context) is not { } listener)
        {
            return;
        }

        EventUsage usage = EventUsage.Scan(listener.Body, listener.EventParameter);
        if (registration.Kind == MemberKind.Message)
        {
            foreach (IOperation set in usage.AllSets)
            {
                Report(context, listener, reportedInMethods, Diagnostic.Create(DiagnosticDescriptors.ReturnValueOnFireAndForgetChannel, set.Syntax.GetLocation(), registration.Channel));
            }

            return;
        }

        if (usage.Escapes || usage.NestedSets.Count > 0 || listener.Graph is not { } graph)
        {
            return;
        }

        var setSyntax = new HashSet<SyntaxNode>(usage.Sets.Select(static set => set.Syntax));
        if (ReplyPaths.CanReturnWithoutSet(graph, setSyntax))
        {
            DiagnosticDescriptor descriptor = usage.Sets.Count == 0
                ? DiagnosticDescriptors.SyncListenerNeverSetsReturnValue
                : DiagnosticDescriptors.SyncListenerSetsReturnValueOnSomePaths;
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(EventParameterProperty, listener.EventParameter.Name)
                .Add(ReplyAllowsDefaultProperty, AllowsDefault(ReplyTypeOf(registration, listener, types)) ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(descriptor, registration.Listener.Syntax.GetLocation(), properties, registration.Channel));
        }

        if (listener.IsAsync && usage.Sets.Count > 0)
        {
            foreach (IOperation late in ReplyPaths.SetsOnlyAfterAwait(graph, usage.Sets))
            {
                Report(context, listener, reportedInMethods, Diagnostic.Create(DiagnosticDescriptors.ReturnValueSetAfterAwait, late.Syntax.GetLocation(), registration.Channel));
            }
        }
    }

    /// <summary>
    /// The reply's declared type: <c>T</c> of a typed listener's <c>IpcMainEvent&lt;T&gt;</c>, or the return type of the
    /// contract member an untyped registration's channel names; null when neither is known.
    /// </summary>
    private static ITypeSymbol? ReplyTypeOf(ListenerRegistration registration, ListenerBody listener, IpcTypes types) =>
        listener.EventParameter.Type is INamedTypeSymbol { TypeArguments.Length: 1 } typedEvent && types.IsMainEvent(typedEvent)
            ? typedEvent.TypeArguments[0]
            : registration.Declaration?.Method.ReturnType;

    private static bool AllowsDefault(ITypeSymbol? type) =>
        type is not null && (type.IsValueType || type.NullableAnnotation == NullableAnnotation.Annotated);

    /// <summary>
    /// Reports a diagnostic found inside a listener's body. A method registered as a listener more than once gets
    /// it once, not once per registration.
    /// </summary>
    private static void Report(
        OperationAnalysisContext context,
        ListenerBody listener,
        ConcurrentDictionary<(string Id, Location Location), bool> reportedInMethods,
        Diagnostic diagnostic)
    {
        if (!listener.IsMethod || reportedInMethods.TryAdd((diagnostic.Id, diagnostic.Location), true))
        {
            context.ReportDiagnostic(diagnostic);
        }
    }
}

/// <summary>The code a listener runs: its body, its event parameter and its control-flow graph.</summary>
internal sealed class ListenerBody
{
    private ListenerBody(IOperation body, IParameterSymbol eventParameter, ControlFlowGraph? graph, bool isAsync, bool isMethod)
    {
        Body = body;
        EventParameter = eventParameter;
        Graph = graph;
        IsAsync = isAsync;
        IsMethod = isMethod;
    }

    public IOperation Body { get; }

    public IParameterSymbol EventParameter { get; }

    /// <summary>The body's control-flow graph; null when it cannot be built (the paths are then not judged).</summary>
    public ControlFlowGraph? Graph { get; }

    public bool IsAsync { get; }

    /// <summary>True for a method group: the body is the method's, shared by every registration of it.</summary>
    public bool IsMethod { get; }

    /// <summary>The listener a registration passes: a lambda, an anonymous method, or a method group with a body in source.</summary>
    public static ListenerBody? Find(IOperation listener, OperationAnalysisContext context)
    {
        if (listener is not IDelegateCreationOperation creation)
        {
            return null;
        }

        switch (ListenerRegistration.WithoutConversions(creation.Target))
        {
            case IAnonymousFunctionOperation { Symbol.Parameters.Length: > 0 } lambda:
                ControlFlowGraph? graph = FindAnonymousFunctionGraph(context.GetControlFlowGraph(), lambda.Symbol, context.CancellationToken);
                return new ListenerBody(lambda.Body, lambda.Symbol.Parameters[0], graph, lambda.Symbol.IsAsync, isMethod: false);
            case IMethodReferenceOperation { Method: { Parameters.Length: > 0 } method }:
                return FromMethod(method, context);
            default:
                return null;
        }
    }

    private static ListenerBody? FromMethod(IMethodSymbol method, OperationAnalysisContext context)
    {
        // An overridable method may run another body than the one declared here.
        bool overridable = (method.IsVirtual || method.IsAbstract || (method.IsOverride && !method.IsSealed)) && method.ContainingType?.IsSealed != true;
        method = method.PartialImplementationPart ?? method;
        if (overridable || method.IsExtern || method.DeclaringSyntaxReferences.Length != 1)
        {
            return null;
        }

        SyntaxNode declaration = method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken);
        SemanticModel? model = ModelFor(declaration.SyntaxTree, context);
        if (model is null)
        {
            return null;
        }

        if (method.MethodKind == MethodKind.LocalFunction)
        {
            if (declaration is not LocalFunctionStatementSyntax
                || model.GetOperation(declaration, context.CancellationToken) is not ILocalFunctionOperation { Body: { } localBody })
            {
                return null;
            }

            ControlFlowGraph? localGraph = FindLocalFunctionGraph(context.GetControlFlowGraph(), method, context.CancellationToken);
            return new ListenerBody(localBody, method.Parameters[0], localGraph, method.IsAsync, isMethod: true);
        }

        if (declaration is not MethodDeclarationSyntax
            || model.GetOperation(declaration, context.CancellationToken) is not IMethodBodyOperation body)
        {
            return null;
        }

        return new ListenerBody(body, method.Parameters[0], ControlFlowGraph.Create(body, context.CancellationToken), method.IsAsync, isMethod: true);
    }

    private static SemanticModel? ModelFor(SyntaxTree tree, OperationAnalysisContext context)
    {
        if (context.Operation.SemanticModel is { } current && current.SyntaxTree == tree)
        {
            return current;
        }

        if (!context.Compilation.ContainsSyntaxTree(tree))
        {
            return null;
        }

#pragma warning disable RS1030 // The listener method may be declared in another file; its body is what must be analysed.
        return context.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
    }

    private static ControlFlowGraph? FindAnonymousFunctionGraph(ControlFlowGraph graph, IMethodSymbol lambda, CancellationToken cancellationToken)
    {
        foreach (ControlFlowGraph candidate in NestedGraphs(graph, cancellationToken))
        {
            foreach (BasicBlock block in candidate.Blocks)
            {
                foreach (IOperation operation in block.Operations.Concat(block.BranchValue is null ? Enumerable.Empty<IOperation>() : new[] { block.BranchValue }))
                {
                    foreach (IOperation node in operation.DescendantsAndSelf())
                    {
                        if (node is IFlowAnonymousFunctionOperation flow && SymbolEqualityComparer.Default.Equals(flow.Symbol, lambda))
                        {
                            return candidate.GetAnonymousFunctionControlFlowGraphInScope(flow, cancellationToken);
                        }
                    }
                }
            }
        }

        return null;
    }

    private static ControlFlowGraph? FindLocalFunctionGraph(ControlFlowGraph graph, IMethodSymbol localFunction, CancellationToken cancellationToken)
    {
        foreach (ControlFlowGraph candidate in NestedGraphs(graph, cancellationToken))
        {
            foreach (IMethodSymbol declared in candidate.LocalFunctions)
            {
                if (SymbolEqualityComparer.Default.Equals(declared, localFunction))
                {
                    return candidate.GetLocalFunctionControlFlowGraph(declared, cancellationToken);
                }
            }
        }

        return null;
    }

    /// <summary>A graph and every graph nested in it (lambdas and local functions, at any depth).</summary>
    private static IEnumerable<ControlFlowGraph> NestedGraphs(ControlFlowGraph root, CancellationToken cancellationToken)
    {
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            ControlFlowGraph graph = pending.Pop();
            yield return graph;
            foreach (IMethodSymbol localFunction in graph.LocalFunctions)
            {
                pending.Push(graph.GetLocalFunctionControlFlowGraph(localFunction, cancellationToken));
            }

            foreach (BasicBlock block in graph.Blocks)
            {
                foreach (IOperation operation in block.Operations)
                {
                    foreach (IOperation node in operation.DescendantsAndSelf())
                    {
                        if (node is IFlowAnonymousFunctionOperation flow)
                        {
                            pending.Push(graph.GetAnonymousFunctionControlFlowGraph(flow, cancellationToken));
                        }
                    }
                }

                if (block.BranchValue is { } branchValue)
                {
                    foreach (IOperation node in branchValue.DescendantsAndSelf())
                    {
                        if (node is IFlowAnonymousFunctionOperation flow)
                        {
                            pending.Push(graph.GetAnonymousFunctionControlFlowGraph(flow, cancellationToken));
                        }
                    }
                }
            }
        }
    }
}
