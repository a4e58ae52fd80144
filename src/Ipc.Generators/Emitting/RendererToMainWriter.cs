using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the extensions class of a renderer → main contract: <c>main.PingPong()</c>, the typed listeners and handlers,
/// and <c>renderer.PingPong()</c>, a proxy implementing the contract by sending to main (<see cref="SendingSideWriter"/>);
/// and the module initializer that registers them with the runtime (<see cref="RegistrationWriter"/>).
/// </summary>
internal static class RendererToMainWriter
{
    public static void WriteExtensions(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        GeneratedNames names = contract.Names;
        string view = ContractText.Qualified(contract, names.ListeningSideClass);
        string contractType = contract.InterfaceType;
        writer.Line($"/// <summary>Typed IPC for <see cref=\"{contractType}\"/>, whose messages renderers send to the main process.</summary>");
        writer.Line(GeneratedCodeAttribute.Line);
        writer.Line($"{accessibility} static partial class {names.ExtensionsClass}").OpenBlock();
        writer.Line($"/// <summary>The main process's typed listeners and handlers for <see cref=\"{contractType}\"/>.</summary>");
        writer.Line("/// <param name=\"main\">The main process endpoint.</param>");
        writer.Line($"public static {view} {names.Stem}(this global::Ipc.IpcMain main) => new {view}(main);");
        writer.Line();
        writer.Line($"/// <summary>A <see cref=\"{contractType}\"/> whose calls this renderer sends to the main process.</summary>");
        writer.Line("/// <param name=\"renderer\">The renderer endpoint that sends.</param>");
        writer.Line($"public static {contractType} {names.Stem}(this global::Ipc.IpcRenderer renderer) => new {names.SendingSideClass}(renderer);");
        writer.Line();
        SendingSideWriter.Write(writer, contract, "global::Ipc.IpcRenderer");
        writer.Line();
        RegistrationWriter.Write(writer, contract);
        writer.CloseBlock();
    }
}
