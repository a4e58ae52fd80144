using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the extension methods of a main → renderer contract: <c>e.Sender.PingPongReplies()</c> and
/// <c>main.PingPongReplies()</c>, implementations of the contract that send to one or every renderer, and
/// <c>renderer.PingPongReplies()</c>, the typed listeners.
/// </summary>
internal static class MainToRendererWriter
{
    public static void WriteExtensions(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        GeneratedNames names = contract.Names;
        string view = ContractEmitter.Qualified(contract, names.ListeningSideClass);
        string contractType = contract.InterfaceType;
        writer.Line("/// <summary>Typed IPC for <see cref=\"" + contractType + "\"/>, whose messages the main process sends to renderers.</summary>");
        writer.Line(accessibility + " static partial class " + names.ExtensionsClass).OpenBlock();
        writer.Line("/// <summary>A <see cref=\"" + contractType + "\"/> whose calls are sent to every connected renderer.</summary>");
        writer.Line("/// <param name=\"main\">The main process endpoint whose renderers receive the messages.</param>");
        writer.Line("public static " + contractType + " " + names.Stem + "(this global::Ipc.IpcMain main) => new " + names.SendingSideClass + "(global::Ipc.IpcRendererTarget.All(main));");
        writer.Line();
        writer.Line("/// <summary>A <see cref=\"" + contractType + "\"/> whose calls are sent to one renderer.</summary>");
        writer.Line("/// <param name=\"renderer\">The renderer that receives the messages, such as an event's <c>Sender</c>.</param>");
        writer.Line("public static " + contractType + " " + names.Stem + "(this global::Ipc.IpcSender renderer) => new " + names.SendingSideClass + "(global::Ipc.IpcRendererTarget.One(renderer));");
        writer.Line();
        writer.Line("/// <summary>This renderer's typed listeners for <see cref=\"" + contractType + "\"/>.</summary>");
        writer.Line("/// <param name=\"renderer\">The renderer endpoint that listens.</param>");
        writer.Line("public static " + view + " " + names.Stem + "(this global::Ipc.IpcRenderer renderer) => new " + view + "(renderer);");
        writer.Line();
        SendingSideWriter.Write(writer, contract, "global::Ipc.IpcRendererTarget", "target", "target", SendBody);
        writer.CloseBlock();
    }

    private static string SendBody(MemberModel member, string channel) =>
        "public void " + member.Name + "(" + ContractEmitter.ParameterList(member) + ") => "
        + GeneratedNames.SendingSideFieldAccess + ".Send(" + channel + ", " + ContractEmitter.ArgumentArray(member) + ");";
}
