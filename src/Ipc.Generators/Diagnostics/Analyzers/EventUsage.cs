using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// How a listener's body uses its event parameter: where it sets <c>ReturnValue</c>, and whether the event escapes
/// to code this analysis cannot see (passed on, stored, reassigned, or used in a way not known to be harmless).
/// This is the cheap operation scan; paths are looked at separately, in <see cref="ReplyPaths"/>.
/// </summary>
internal sealed class EventUsage
{
    private EventUsage(List<IOperation> sets, List<IOperation> nestedSets, bool escapes)
    {
        Sets = sets;
        NestedSets = nestedSets;
        Escapes = escapes;
    }

    /// <summary>The operations of the listener itself that set <c>ReturnValue</c> (assignments and <c>SetReturnValue</c> calls).</summary>
    public List<IOperation> Sets { get; }

    /// <summary>Sets inside lambdas or local functions nested in the listener: when, or whether, they run is unknown.</summary>
    public List<IOperation> NestedSets { get; }

    /// <summary>True when the event is used in a way that may lead to <c>ReturnValue</c> being set out of sight.</summary>
    public bool Escapes { get; }

    /// <summary>Every set, the listener's own and nested ones.</summary>
    public IEnumerable<IOperation> AllSets
    {
        get
        {
            foreach (IOperation set in Sets)
            {
                yield return set;
            }

            foreach (IOperation set in NestedSets)
            {
                yield return set;
            }
        }
    }

    /// <summary>Scans <paramref name="body"/> (a lambda's body or a method's body operation) for uses of <paramref name="eventParameter"/>.</summary>
    public static EventUsage Scan(IOperation body, IParameterSymbol eventParameter)
    {
        var sets = new List<IOperation>();
        var nestedSets = new List<IOperation>();
        bool escapes = false;
        foreach (IOperation operation in body.Descendants())
        {
            if (operation is not IParameterReferenceOperation reference
                || !SymbolEqualityComparer.Default.Equals(reference.Parameter, eventParameter))
            {
                continue;
            }

            switch (Classify(reference, out IOperation? set))
            {
                case Use.SetsReturnValue:
                    (IsInNestedFunction(reference, body) ? nestedSets : sets).Add(set!);
                    break;
                case Use.Escapes:
                    escapes = true;
                    break;
            }
        }

        return new EventUsage(sets, nestedSets, escapes);
    }

    private enum Use
    {
        Harmless,
        SetsReturnValue,
        Escapes,
    }

    private static Use Classify(IParameterReferenceOperation reference, out IOperation? set)
    {
        set = null;
        IOperation current = reference;
        while (true)
        {
            switch (current.Parent)
            {
                case IPropertyReferenceOperation property when property.Instance == current:
                    switch (property.Property.Name)
                    {
                        case "Untyped":
                            current = property; // the typed event's untyped event: the same reply
                            continue;
                        case "ReturnValue":
                            return ClassifyReturnValue(property, out set);
                        case "Sender" or "Channel" or "IsSync":
                            return Use.Harmless;
                        default:
                            return Use.Escapes;
                    }

                case IInvocationOperation invocation when invocation.Instance == current:
                    switch (invocation.TargetMethod.Name)
                    {
                        case "SetReturnValue":
                            set = invocation;
                            return Use.SetsReturnValue;
                        case "Reply":
                            return Use.Harmless;
                        default:
                            return Use.Escapes;
                    }

                default:
                    return Use.Escapes;
            }
        }
    }

    private static Use ClassifyReturnValue(IPropertyReferenceOperation returnValue, out IOperation? set)
    {
        set = null;
        switch (returnValue.Parent)
        {
            case IAssignmentOperation assignment when assignment.Target == returnValue:
                set = assignment;
                return Use.SetsReturnValue;
            case IIncrementOrDecrementOperation increment:
                set = increment;
                return Use.SetsReturnValue;
            case ITupleOperation or IDeclarationExpressionOperation:
                return Use.Escapes; // a deconstruction target: not worth modelling
            default:
                return Use.Harmless; // a read
        }
    }

    private static bool IsInNestedFunction(IOperation operation, IOperation body)
    {
        for (IOperation? current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
