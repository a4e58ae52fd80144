using System.Collections.Generic;
using Ipc.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>Where a contract's generated code goes: at namespace level, beside the outermost type that contains the contract.</summary>
/// <param name="Namespace">The contract's namespace, empty for the global namespace.</param>
/// <param name="ContainingTypes">The names of the types the contract is nested in, outermost first, concatenated.</param>
/// <param name="IsPublic">True when the contract is visible outside its assembly, so the generated API is too.</param>
internal sealed record ContractPlacement(string Namespace, string ContainingTypes, bool IsPublic)
{
    /// <summary>
    /// The placement of <paramref name="contract"/>, or null with the problem that prevents one: generated types live at
    /// namespace level, in a file of its own, so the contract must be non-generic and reachable from there (public or
    /// internal all the way out, not file-local, and not inside a generic type).
    /// </summary>
    public static ContractPlacement? Of(INamedTypeSymbol contract, out ContractProblem? problem)
    {
        problem = null;
        if (contract.Arity > 0)
        {
            problem = ContractProblem.Of(DiagnosticIds.GenericContract, contract, contract.Name);
            return null;
        }

        bool isPublic = true;
        var outerNames = new List<string>();
        for (INamedTypeSymbol? type = contract; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal)
            {
                problem = Unreachable(contract, $"'{type.ToDisplayString()}' is file-local");
                return null;
            }

            switch (type.DeclaredAccessibility)
            {
                case Accessibility.Public:
                    break;
                case Accessibility.Internal or Accessibility.ProtectedOrInternal:
                    isPublic = false;
                    break;
                default:
                    problem = Unreachable(contract, $"'{type.ToDisplayString()}' is {AccessibilityText(type.DeclaredAccessibility)}");
                    return null;
            }

            if (!SymbolEqualityComparer.Default.Equals(type, contract))
            {
                if (type.IsGenericType)
                {
                    problem = Unreachable(contract, $"'{type.ToDisplayString()}' is generic");
                    return null;
                }

                outerNames.Add(type.Name);
            }
        }

        outerNames.Reverse();
        string @namespace = contract.ContainingNamespace.IsGlobalNamespace ? string.Empty : contract.ContainingNamespace.ToDisplayString();
        return new ContractPlacement(@namespace, string.Concat(outerNames), isPublic);
    }

    private static ContractProblem Unreachable(INamedTypeSymbol contract, string reason) =>
        ContractProblem.Of(DiagnosticIds.UnreachableContract, contract, contract.Name, reason);

    private static string AccessibilityText(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => "not accessible",
    };
}
