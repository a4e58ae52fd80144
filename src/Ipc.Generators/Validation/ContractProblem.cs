using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>
/// One broken contract rule (BRIEF §4, IPC1001–IPC1008). It holds the offending symbol so an analyzer can
/// report it at the member; the generator only counts problems and never caches them.
/// </summary>
/// <param name="RuleId">The diagnostic id, one of <see cref="ContractRules"/>.</param>
/// <param name="Member">The member (or the contract itself) that breaks the rule.</param>
/// <param name="Message">What is wrong, naming the member, for the diagnostic's message.</param>
internal sealed record ContractProblem(string RuleId, ISymbol Member, string Message);

/// <summary>The ids of the contract rules the validator checks.</summary>
internal static class ContractRules
{
    public const string PropertyOrEvent = "IPC1001";
    public const string GenericMethod = "IPC1002";
    public const string ByReferenceParameter = "IPC1003";
    public const string DuplicateChannelName = "IPC1004";
    public const string MisplacedCancellationToken = "IPC1005";
    public const string MainToRendererReturnsValue = "IPC1006";
    public const string NotSerializable = "IPC1007";
    public const string InvalidChannelName = "IPC1008";
}
