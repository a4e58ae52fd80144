using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes a main → renderer contract: <c>e.Sender.PingPongReplies()</c> and <c>main.PingPongReplies()</c>,
/// implementations of the contract that send to one or every renderer, and <c>renderer.PingPongReplies()</c>
/// with typed listeners.
/// </summary>
internal static class MainToRendererWriter
{
    public static void Write(IndentedWriter writer, ContractModel contract, string accessibility)
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
        WriteSender(writer, contract);
        writer.CloseBlock();
        writer.Line();
        ListeningSideWriter.WriteView(writer, contract, accessibility, "global::Ipc.IpcRenderer", "renderer", "A renderer's");
        writer.Line();
        ListeningSideWriter.WriteChannels(writer, contract, accessibility);
    }

    private static void WriteSender(IndentedWriter writer, ContractModel contract)
    {
        const string Field = GeneratedNames.SendingSideField;
        string sender = contract.Names.SendingSideClass;
        writer.Line("private sealed class " + sender + " : " + contract.InterfaceType).OpenBlock();
        writer.Line("private readonly global::Ipc.IpcRendererTarget " + Field + ";");
        writer.Line();
        writer.Line("public " + sender + "(global::Ipc.IpcRendererTarget target) => " + Field + " = target;");
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            string channel = ContractEmitter.ChannelClass(contract, member) + ".Name";
            writer.Line("public void " + member.Name + "(" + ContractEmitter.ParameterList(member) + ") => " + Field + ".Send(" + channel + ", " + ContractEmitter.ArgumentArray(member) + ");");
        }

        writer.CloseBlock();
    }
}
