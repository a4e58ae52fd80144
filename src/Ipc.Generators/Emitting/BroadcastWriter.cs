using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes main's view of a main → renderer contract toward every connected renderer: one method per member, with the
/// member's parameters (defaults included). A message is sent to every renderer; an invocation returns one
/// <c>IpcRendererResult</c> per renderer, so the class implements the contract only when every member is a message.
/// </summary>
internal static class BroadcastWriter
{
    private const string Field = GeneratedNames.SendingSideFieldAccess;

    public static void Write(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        string className = contract.Names.BroadcastClass!;
        bool implementsContract = ImplementsContract(contract);
        writer.Line($"/// <summary>The main process's calls of <see cref=\"{contract.InterfaceType}\"/> to every renderer connected at the time of each call, skipping any that leave meanwhile.</summary>");
        if (!implementsContract)
        {
            writer.Line("/// <remarks>A message is sent to every renderer; an invocation asks each renderer's handler and completes with one result per renderer.</remarks>");
        }

        writer.Line(GeneratedCodeAttribute.Line);
        writer.Line($"{accessibility} sealed partial class {className}{(implementsContract ? $" : {contract.InterfaceType}" : string.Empty)}").OpenBlock();
        writer.Line($"private readonly global::Ipc.IpcRendererTarget {GeneratedNames.SendingSideField};");
        writer.Line();
        writer.Line("/// <summary>Addresses the renderers connected to <paramref name=\"main\"/>.</summary>");
        writer.Line("/// <param name=\"main\">The main process endpoint whose renderers receive the calls.</param>");
        writer.Line($"public {className}(global::Ipc.IpcMain main) => {Field} = global::Ipc.IpcRendererTarget.All(main);");
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            WriteMethod(writer, contract, member);
        }

        writer.CloseBlock();
    }

    /// <summary>Whether the broadcast implements the contract: only when every member is a message (and a valid one).</summary>
    public static bool ImplementsContract(ContractModel contract) =>
        contract.UnsupportedMembers.Count == 0 && contract.Members.All(static member => member.Kind == MemberKind.Message);

    private static void WriteMethod(IndentedWriter writer, ContractModel contract, MemberModel member)
    {
        string reference = ContractText.MemberReference(contract, member);
        string channel = $"{ContractText.ChannelClass(contract, member)}.Name";
        string parameters = ContractText.ParameterList(member, withDefaults: true);
        if (member.Kind == MemberKind.Message)
        {
            ContractText.WriteDocumentation(writer, member.Documentation, $"Sends {reference} to every connected renderer.");
            writer.Line($"public void {member.Name}({parameters})");
            TypedArgumentsWriter.WriteBody(writer, member, TypedArgumentsWriter.BroadcastWriter, "Send", Field, channel, static local => $"{local}.Send();");
            return;
        }

        string resultType = member.ResultType ?? "object?";
        string outcome = member.ResultType is null
            ? "whether its handler completed, or the exception that failed that renderer's call (<c>Value</c> is always null)"
            : "the value its handler returned, or the exception that failed that renderer's call";
        string cancellation = member.CancellationTokenName ?? "global::System.Threading.CancellationToken.None";
        ContractText.WriteDocumentation(writer, member.Documentation, $"Invokes {reference} on every connected renderer.");
        writer.Line($"/// <returns>One result per renderer: {outcome}. One renderer's failure does not fail the others.</returns>");
        writer.Line($"public global::System.Threading.Tasks.Task<global::System.Collections.Generic.IReadOnlyList<global::Ipc.IpcRendererResult<{resultType}>>> {member.Name}({parameters})");
        TypedArgumentsWriter.WriteBody(writer, member, TypedArgumentsWriter.BroadcastWriter, "InvokeAll", Field, channel,
            local => $"return {local}.InvokeAllAsync<{resultType}>({cancellation});");
    }
}
