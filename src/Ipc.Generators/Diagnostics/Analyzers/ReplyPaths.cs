using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// Walks a listener's control-flow graph from entry to exit. Sets of <c>ReturnValue</c> are recognised by their
/// syntax (the graph rewrites operations, e.g. capturing the event before an <c>await</c>, but keeps their syntax).
/// Paths that end in a throw never reach the exit normally, so they never count as missing a reply.
/// </summary>
internal static class ReplyPaths
{
    /// <summary>
    /// True when some path from the entry reaches the exit without passing a block that sets <c>ReturnValue</c>.
    /// With no sets at all, this says whether the listener can return normally at all.
    /// </summary>
    public static bool CanReturnWithoutSet(ControlFlowGraph graph, HashSet<SyntaxNode> setSyntax)
    {
        var setBlocks = new bool[graph.Blocks.Length];
        foreach (BasicBlock block in graph.Blocks)
        {
            setBlocks[block.Ordinal] = Contains(block, operation => IsPartOfASet(operation.Syntax, setSyntax));
        }

        var visited = new bool[graph.Blocks.Length];
        var pending = new Stack<BasicBlock>();
        pending.Push(graph.Blocks[0]);
        while (pending.Count > 0)
        {
            BasicBlock block = pending.Pop();
            if (visited[block.Ordinal])
            {
                continue;
            }

            visited[block.Ordinal] = true;
            if (block.Kind == BasicBlockKind.Exit)
            {
                return true;
            }

            // An exception may leave any block of a try, before or after its set.
            PushCatchHandlers(graph, block, pending);
            if (setBlocks[block.Ordinal])
            {
                continue;
            }

            Follow(block.FallThroughSuccessor, graph, setBlocks, pending);
            Follow(block.ConditionalSuccessor, graph, setBlocks, pending);
        }

        return false;
    }

    /// <summary>
    /// True for the set itself and for the parts of its expression: the graph splits <c>e.ReturnValue = c ? a : b</c>
    /// and <c>e.ReturnValue ??= x</c> into blocks, and every path through those parts ends in the set, or skips it
    /// only when a reply is already there (<c>??=</c>), or throws.
    /// </summary>
    private static bool IsPartOfASet(SyntaxNode syntax, HashSet<SyntaxNode> setSyntax)
    {
        for (SyntaxNode? current = syntax; current is not null && current is not StatementSyntax; current = current.Parent)
        {
            if (setSyntax.Contains(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The sets among <paramref name="sets"/> that can only run after an <c>await</c> that may suspend the listener:
    /// every path from the entry to them passes one.
    /// </summary>
    public static List<IOperation> SetsOnlyAfterAwait(ControlFlowGraph graph, IReadOnlyList<IOperation> sets)
    {
        var beforeAwait = new bool[graph.Blocks.Length];
        var pending = new Stack<BasicBlock>();
        pending.Push(graph.Blocks[0]);
        while (pending.Count > 0)
        {
            BasicBlock block = pending.Pop();
            if (beforeAwait[block.Ordinal])
            {
                continue;
            }

            beforeAwait[block.Ordinal] = true;
            PushCatchHandlers(graph, block, pending);
            if (Contains(block, IsSuspendingAwait))
            {
                continue;
            }

            foreach (ControlFlowBranch? branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
            {
                if (branch is null)
                {
                    continue;
                }

                foreach (ControlFlowRegion @finally in branch.FinallyRegions)
                {
                    pending.Push(graph.Blocks[@finally.FirstBlockOrdinal]);
                }

                if (branch.Destination is { } destination && IsNormal(branch.Semantics))
                {
                    pending.Push(destination);
                }
            }
        }

        var late = new List<IOperation>();
        foreach (IOperation set in sets)
        {
            if (!CanRunBeforeAwait(graph, set.Syntax, beforeAwait))
            {
                late.Add(set);
            }
        }

        return late;
    }

    private static bool CanRunBeforeAwait(ControlFlowGraph graph, SyntaxNode setSyntax, bool[] beforeAwait)
    {
        bool found = false;
        foreach (BasicBlock block in graph.Blocks)
        {
            IOperation? set = null;
            bool awaitedEarlier = false;
            foreach (IOperation root in OperationsOf(block))
            {
                IOperation? setHere = Find(root, operation => operation.Syntax == setSyntax && operation is not IFlowCaptureReferenceOperation);
                if (setHere is null)
                {
                    awaitedEarlier |= Find(root, IsSuspendingAwait) is not null;
                    continue;
                }

                set = setHere;
                // An await inside the set's own value, or earlier in the same statement, runs before the set.
                awaitedEarlier |= Find(setHere, IsSuspendingAwait) is not null
                    || Find(root, operation => IsSuspendingAwait(operation) && operation.Syntax.SpanStart < setSyntax.SpanStart) is not null;
                break;
            }

            if (set is null)
            {
                continue;
            }

            found = true;
            if (beforeAwait[block.Ordinal] && !awaitedEarlier)
            {
                return true;
            }
        }

        return !found; // a set the graph does not show is not reported
    }

    private static void Follow(ControlFlowBranch? branch, ControlFlowGraph graph, bool[] setBlocks, Stack<BasicBlock> pending)
    {
        if (branch?.Destination is not { } destination || !IsNormal(branch.Semantics))
        {
            return;
        }

        foreach (ControlFlowRegion @finally in branch.FinallyRegions)
        {
            for (int ordinal = @finally.FirstBlockOrdinal; ordinal <= @finally.LastBlockOrdinal; ordinal++)
            {
                if (setBlocks[ordinal])
                {
                    return; // a finally on the way sets it (on some path through it, at least: never a false report)
                }
            }
        }

        pending.Push(destination);
    }

    private static bool IsNormal(ControlFlowBranchSemantics semantics) =>
        semantics is ControlFlowBranchSemantics.Regular or ControlFlowBranchSemantics.Return;

    /// <summary>An exception in a try block can reach the handlers of that try, and of every try around it.</summary>
    private static void PushCatchHandlers(ControlFlowGraph graph, BasicBlock block, Stack<BasicBlock> pending)
    {
        for (ControlFlowRegion? region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
        {
            if (region.Kind != ControlFlowRegionKind.Try || region.EnclosingRegion is not { Kind: ControlFlowRegionKind.TryAndCatch } tryAndCatch)
            {
                continue;
            }

            foreach (ControlFlowRegion handler in tryAndCatch.NestedRegions)
            {
                if (handler.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler)
                {
                    pending.Push(graph.Blocks[handler.FirstBlockOrdinal]);
                }
            }
        }
    }

    /// <summary>
    /// An await that may give control back to the dispatcher. Awaiting an already-completed task
    /// (<c>Task.CompletedTask</c>, <c>Task.FromResult(…)</c>, <c>ValueTask.CompletedTask</c>) continues synchronously.
    /// </summary>
    private static bool IsSuspendingAwait(IOperation operation)
    {
        if (operation is not IAwaitOperation awaitOperation)
        {
            return false;
        }

        IOperation awaited = awaitOperation.Operation;
        while (awaited is IConversionOperation conversion)
        {
            awaited = conversion.Operand;
        }

        return awaited switch
        {
            IPropertyReferenceOperation { Property: { Name: "CompletedTask", IsStatic: true } property } => !IsTaskType(property.ContainingType),
            IInvocationOperation { TargetMethod: { Name: "FromResult", IsStatic: true } method } => !IsTaskType(method.ContainingType),
            _ => true,
        };
    }

    private static bool IsTaskType(INamedTypeSymbol type) =>
        type.Name is "Task" or "ValueTask" && type.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    private static bool Contains(BasicBlock block, System.Func<IOperation, bool> predicate)
    {
        foreach (IOperation root in OperationsOf(block))
        {
            if (Find(root, predicate) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<IOperation> OperationsOf(BasicBlock block)
    {
        foreach (IOperation operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branchValue)
        {
            yield return branchValue;
        }
    }

    private static IOperation? Find(IOperation root, System.Func<IOperation, bool> predicate)
    {
        if (predicate(root))
        {
            return root;
        }

        foreach (IOperation descendant in root.Descendants())
        {
            if (predicate(descendant))
            {
                return descendant;
            }
        }

        return null;
    }
}
