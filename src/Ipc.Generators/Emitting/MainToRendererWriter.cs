using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the extensions class of a main → renderer contract: <c>e.Sender.PingPongReplies()</c>, a proxy to one renderer
/// implementing the contract (<see cref="SendingSideWriter"/>); <c>main.PingPongReplies()</c>, the broadcast to every
/// renderer (<see cref="BroadcastWriter"/>); <c>renderer.PingPongReplies()</c>, the typed listeners and handlers; and the
/// module initializer that registers them with the runtime (<see cref="RegistrationWriter"/>).
/// </summary>
internal static class MainToRendererWriter
{
    public static void WriteExtensions(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        GeneratedNames names = contract.Names;
        string view = ContractText.Qualified(contract, names.ListeningSideClass);
        string broadcast = ContractText.Qualified(contract, names.BroadcastClass!);
        string contractType = contract.InterfaceType;
        writer.Line($"/// <summary>Typed IPC for <see cref=\"{contractType}\"/>, whose messages and invocations the main process sends to renderers.</summary>");
        writer.Line(GeneratedCodeAttribute.Line);
        writer.Line($"{accessibility} static partial class {names.ExtensionsClass}").OpenBlock();
        writer.Line($"/// <summary>The calls of <see cref=\"{contractType}\"/> addressed to every connected renderer.</summary>");
        writer.Line("/// <param name=\"main\">The main process endpoint whose renderers receive the calls.</param>");
        writer.Line($"public static {broadcast} {names.Stem}(this global::Ipc.IpcMain main) => new {broadcast}(main);");
        writer.Line();
        writer.Line($"/// <summary>A <see cref=\"{contractType}\"/> whose calls go to one renderer: messages are sent to it, invocations answered by its handlers.</summary>");
        writer.Line("/// <param name=\"renderer\">The renderer that receives the calls, such as an event's <c>Sender</c>.</param>");
        writer.Line($"public static {contractType} {names.Stem}(this global::Ipc.IpcSender renderer) => new {names.SendingSideClass}(renderer);");
        writer.Line();
        writer.Line($"/// <summary>This renderer's typed listeners and handlers for <see cref=\"{contractType}\"/>.</summary>");
        writer.Line("/// <param name=\"renderer\">The renderer endpoint that listens.</param>");
        writer.Line($"public static {view} {names.Stem}(this global::Ipc.IpcRenderer renderer) => new {view}(renderer);");
        writer.Line();
        SendingSideWriter.Write(writer, contract, "global::Ipc.IpcSender");
        writer.Line();
        RegistrationWriter.Write(writer, contract);
        writer.CloseBlock();
    }
}
