using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>
/// One broken contract rule. It holds the offending symbol so an analyzer can report it where it is declared; the
/// generator only asks which members are affected and never caches a problem.
/// </summary>
/// <param name="RuleId">The diagnostic id, one of the contract rules of <see cref="Diagnostics.DiagnosticIds"/>.</param>
/// <param name="Member">The member, parameter or contract that breaks the rule.</param>
/// <param name="Arguments">The arguments of the rule's message format, in order.</param>
internal sealed record ContractProblem(string RuleId, ISymbol Member, ImmutableArray<string> Arguments)
{
    public static ContractProblem Of(string ruleId, ISymbol member, params string[] arguments) =>
        new(ruleId, member, ImmutableArray.Create(arguments));

    /// <summary>The method, property or event the problem removes from the generated code (a parameter's method).</summary>
    public ISymbol AffectedMember => Member is IParameterSymbol parameter ? parameter.ContainingSymbol : Member;
}
