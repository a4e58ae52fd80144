using System.Collections.Generic;
using System.Collections.Immutable;
using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>
/// The one answer to "can this contract get code, and which of its members": the generator emits exactly what
/// <see cref="Supports"/> accepts, and the analyzers report every <see cref="Problems"/> entry, so nothing is skipped
/// without a diagnostic. A problem of a member removes only that member; a problem of the contract (generic,
/// unreachable) removes the contract.
/// </summary>
internal sealed class ContractReview
{
    private readonly HashSet<ISymbol> _excludedMembers;

    public ContractReview(
        INamedTypeSymbol contract,
        ContractDirection direction,
        ContractPlacement? placement,
        GeneratedNames? names,
        ImmutableArray<ContractProblem> problems)
    {
        Contract = contract;
        Direction = direction;
        Placement = placement;
        Names = names;
        Problems = problems;
        _excludedMembers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (ContractProblem problem in problems)
        {
            _excludedMembers.Add(problem.AffectedMember);
        }
    }

    public INamedTypeSymbol Contract { get; }

    public ContractDirection Direction { get; }

    /// <summary>Where the generated code goes; null when the contract cannot get any.</summary>
    public ContractPlacement? Placement { get; }

    /// <summary>The generated names; null when the contract cannot get code.</summary>
    public GeneratedNames? Names { get; }

    public ImmutableArray<ContractProblem> Problems { get; }

    /// <summary>Whether the contract gets generated code at all (it may still lose members).</summary>
    public bool CanGetCode => Placement is not null && Names is not null;

    /// <summary>Whether <paramref name="member"/> becomes a typed channel of the generated code.</summary>
    public bool Supports(ISymbol member) => CanGetCode && member is IMethodSymbol && !_excludedMembers.Contains(member);
}
