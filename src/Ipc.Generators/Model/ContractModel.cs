namespace Ipc.Generators.Model;

/// <summary>Which side sends a contract's messages; mirrors the runtime's <c>Ipc.IpcDirection</c> values.</summary>
internal enum ContractDirection
{
    RendererToMain = 0,
    MainToRenderer = 1,
}

/// <summary>Everything the emitter needs to know about one valid <c>[IpcChannel]</c> interface.</summary>
/// <param name="Namespace">The contract's namespace, empty for the global namespace.</param>
/// <param name="InterfaceType">The contract's fully qualified name, <c>global::</c> included.</param>
/// <param name="Names">The names of the types and methods generated for the contract.</param>
/// <param name="IsPublic">True when the contract is visible outside its assembly, so the generated API is too.</param>
/// <param name="Members">The channels, ordered by member name (ordinal).</param>
/// <param name="UnsupportedMembers">
/// The members an analyzer reports as invalid, in declaration order, each as the explicit implementation the sending side
/// declares for it (a stub that throws), so that the contract keeps its typed API for the valid members.
/// </param>
/// <param name="PayloadTypes">The records, classes, structs and enums the members carry, reached through their parameters and results, ordered by name; for client modules in other languages.</param>
/// <param name="Documentation">The contract's own <c>summary</c> and <c>remarks</c>, for client modules in other languages.</param>
internal sealed record ContractModel(
    string Namespace,
    string InterfaceType,
    GeneratedNames Names,
    bool IsPublic,
    ContractDirection Direction,
    EquatableArray<MemberModel> Members,
    EquatableArray<string> UnsupportedMembers,
    EquatableArray<PayloadTypeModel> PayloadTypes,
    EquatableArray<string> Documentation);
