using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes a renderer → main contract: <c>main.PingPong()</c> with typed listeners and handlers, and
/// <c>renderer.PingPong()</c>, a proxy implementing the contract by sending to main.
/// </summary>
internal static class RendererToMainWriter
{
    public static void Write(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        GeneratedNames names = contract.Names;
        string view = ContractEmitter.Qualified(contract, names.ListeningSideClass);
        writer.Line("/// <summary>Typed IPC for <see cref=\"" + contract.InterfaceType + "\"/>, whose messages renderers send to the main process.</summary>");
        writer.Line(accessibility + " static partial class " + names.ExtensionsClass).OpenBlock();
        writer.Line("/// <summary>The main process's typed listeners and handlers for <see cref=\"" + contract.InterfaceType + "\"/>.</summary>");
        writer.Line("/// <param name=\"main\">The main process endpoint.</param>");
        writer.Line("public static " + view + " " + names.Stem + "(this global::Ipc.IpcMain main) => new " + view + "(main);");
        writer.Line();
        writer.Line("/// <summary>A <see cref=\"" + contract.InterfaceType + "\"/> whose calls this renderer sends to the main process.</summary>");
        writer.Line("/// <param name=\"renderer\">The renderer endpoint that sends.</param>");
        writer.Line("public static " + contract.InterfaceType + " " + names.Stem + "(this global::Ipc.IpcRenderer renderer) => new " + names.SendingSideClass + "(renderer);");
        writer.Line();
        WriteProxy(writer, contract);
        writer.CloseBlock();
        writer.Line();
        ListeningSideWriter.WriteView(writer, contract, accessibility, "global::Ipc.IpcMain", "main", "The main process's");
        writer.Line();
        ListeningSideWriter.WriteChannels(writer, contract, accessibility);
    }

    private static void WriteProxy(IndentedWriter writer, ContractModel contract)
    {
        const string Field = GeneratedNames.SendingSideField;
        string proxy = contract.Names.SendingSideClass;
        writer.Line("private sealed class " + proxy + " : " + contract.InterfaceType).OpenBlock();
        writer.Line("private readonly global::Ipc.IpcRenderer " + Field + ";");
        writer.Line();
        writer.Line("public " + proxy + "(global::Ipc.IpcRenderer renderer) => " + Field + " = renderer ?? throw new global::System.ArgumentNullException(nameof(renderer));");
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            string channel = ContractEmitter.ChannelClass(contract, member) + ".Name";
            string arguments = ContractEmitter.ArgumentArray(member);
            string cancellation = member.CancellationTokenName ?? "global::System.Threading.CancellationToken.None";
            string signature = member.Name + "(" + ContractEmitter.ParameterList(member) + ")";
            string invoke = Field + ".InvokeAsync<" + (member.ResultType ?? "object?") + ">(" + channel + ", " + arguments + ", " + cancellation + ")";
            string line = member.Awaitable switch
            {
                AwaitableShape.Task => "public " + member.ReturnType + " " + signature + " => " + invoke + ";",
                AwaitableShape.ValueTask => "public " + member.ReturnType + " " + signature + " => new " + member.ReturnType + "(" + invoke + ");",
                AwaitableShape.TaskOfT or AwaitableShape.ValueTaskOfT =>
                    "public async " + member.ReturnType + " " + signature + " => (await " + invoke + ".ConfigureAwait(false))!;",
                _ when member.Kind == MemberKind.Sync =>
                    "public " + member.ReturnType + " " + signature + " => " + Field + ".SendSync<" + member.ResultType + ">(" + channel + ", " + arguments + ")!;",
                _ => "public void " + signature + " => " + Field + ".Send(" + channel + ", " + arguments + ");",
            };
            writer.Line(line);
        }

        writer.CloseBlock();
    }
}
