using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes what main → renderer contracts get besides their channels: the extension methods
/// (<c>e.Sender.PingPongReplies()</c>, a proxy to one renderer implementing the contract; <c>main.PingPongReplies()</c>,
/// the broadcast to every renderer; <c>renderer.PingPongReplies()</c>, the typed listeners and handlers), the module
/// initializer that registers them with the runtime (<see cref="RegistrationWriter"/>), and the broadcast class.
/// </summary>
internal static class MainToRendererWriter
{
    private const string Field = GeneratedNames.SendingSideFieldAccess;

    public static void WriteExtensions(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        GeneratedNames names = contract.Names;
        string view = ContractEmitter.Qualified(contract, names.ListeningSideClass);
        string broadcast = ContractEmitter.Qualified(contract, names.BroadcastClass!);
        string contractType = contract.InterfaceType;
        writer.Line("/// <summary>Typed IPC for <see cref=\"" + contractType + "\"/>, whose messages and invocations the main process sends to renderers.</summary>");
        writer.Line(accessibility + " static partial class " + names.ExtensionsClass).OpenBlock();
        writer.Line("/// <summary>The calls of <see cref=\"" + contractType + "\"/> addressed to every connected renderer.</summary>");
        writer.Line("/// <param name=\"main\">The main process endpoint whose renderers receive the calls.</param>");
        writer.Line("public static " + broadcast + " " + names.Stem + "(this global::Ipc.IpcMain main) => new " + broadcast + "(main);");
        writer.Line();
        writer.Line("/// <summary>A <see cref=\"" + contractType + "\"/> whose calls go to one renderer: messages are sent to it, invocations answered by its handlers.</summary>");
        writer.Line("/// <param name=\"renderer\">The renderer that receives the calls, such as an event's <c>Sender</c>.</param>");
        writer.Line("public static " + contractType + " " + names.Stem + "(this global::Ipc.IpcSender renderer) => new " + names.SendingSideClass + "(renderer);");
        writer.Line();
        writer.Line("/// <summary>This renderer's typed listeners and handlers for <see cref=\"" + contractType + "\"/>.</summary>");
        writer.Line("/// <param name=\"renderer\">The renderer endpoint that listens.</param>");
        writer.Line("public static " + view + " " + names.Stem + "(this global::Ipc.IpcRenderer renderer) => new " + view + "(renderer);");
        writer.Line();
        SendingSideWriter.Write(writer, contract, "global::Ipc.IpcSender");
        writer.Line();
        RegistrationWriter.Write(writer, contract);
        writer.CloseBlock();
    }

    /// <summary>
    /// Writes main's view toward every connected renderer: one method per member, with the member's parameters (defaults
    /// included). A message is sent to every renderer; an invocation returns one <c>IpcRendererResult</c> per renderer,
    /// so the class implements the contract only when every member is a message.
    /// </summary>
    public static void WriteBroadcast(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        string className = contract.Names.BroadcastClass!;
        bool implementsContract = BroadcastImplementsContract(contract);
        writer.Line("/// <summary>The main process's calls of <see cref=\"" + contract.InterfaceType + "\"/> to every renderer connected at the time of each call, skipping any that leave meanwhile.</summary>");
        if (!implementsContract)
        {
            writer.Line("/// <remarks>A message is sent to every renderer; an invocation asks each renderer's handler and completes with one result per renderer.</remarks>");
        }

        writer.Line(accessibility + " sealed partial class " + className + (implementsContract ? " : " + contract.InterfaceType : string.Empty)).OpenBlock();
        writer.Line("private readonly global::Ipc.IpcRendererTarget " + GeneratedNames.SendingSideField + ";");
        writer.Line();
        writer.Line("/// <summary>Addresses the renderers connected to <paramref name=\"main\"/>.</summary>");
        writer.Line("/// <param name=\"main\">The main process endpoint whose renderers receive the calls.</param>");
        writer.Line("public " + className + "(global::Ipc.IpcMain main) => " + Field + " = global::Ipc.IpcRendererTarget.All(main);");
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            WriteBroadcastMethod(writer, contract, member);
        }

        writer.CloseBlock();
    }

    /// <summary>Whether main's broadcast implements the contract: only when every member is a message (and a valid one).</summary>
    public static bool BroadcastImplementsContract(ContractModel contract) =>
        contract.UnsupportedMembers.Count == 0 && contract.Members.All(static member => member.Kind == MemberKind.Message);

    private static void WriteBroadcastMethod(IndentedWriter writer, ContractModel contract, MemberModel member)
    {
        string reference = ContractEmitter.MemberReference(contract, member);
        string channel = ContractEmitter.ChannelClass(contract, member) + ".Name";
        string parameters = ContractEmitter.ParameterList(member, withDefaults: true);
        if (member.Kind == MemberKind.Message)
        {
            ContractEmitter.WriteDocumentation(writer, member.Documentation, "Sends " + reference + " to every connected renderer.");
            writer.Line("public void " + member.Name + "(" + parameters + ")");
            TypedArgumentsWriter.WriteBody(writer, member, TypedArgumentsWriter.BroadcastWriter, "Send", Field, channel, static local => local + ".Send();");
            return;
        }

        string resultType = member.ResultType ?? "object?";
        string outcome = member.ResultType is null
            ? "whether its handler completed, or the exception that failed that renderer's call (<c>Value</c> is always null)"
            : "the value its handler returned, or the exception that failed that renderer's call";
        string cancellation = member.CancellationTokenName ?? "global::System.Threading.CancellationToken.None";
        ContractEmitter.WriteDocumentation(writer, member.Documentation, "Invokes " + reference + " on every connected renderer.");
        writer.Line("/// <returns>One result per renderer: " + outcome + ". One renderer's failure does not fail the others.</returns>");
        writer.Line("public global::System.Threading.Tasks.Task<global::System.Collections.Generic.IReadOnlyList<global::Ipc.IpcRendererResult<" + resultType + ">>> "
            + member.Name + "(" + parameters + ")");
        TypedArgumentsWriter.WriteBody(writer, member, TypedArgumentsWriter.BroadcastWriter, "InvokeAll", Field, channel,
            local => "return " + local + ".InvokeAllAsync<" + resultType + ">(" + cancellation + ");");
    }
}
