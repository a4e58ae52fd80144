using System.Collections.Generic;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the module initializer that registers a contract's generated code with the runtime's
/// <c>Ipc.CompilerServices.IpcContracts</c>, so that code knowing the contract only as a type parameter (a generic host)
/// can serve it and get its proxies. Each delegate calls the generated extension methods: no reflection.
/// </summary>
internal static class RegistrationWriter
{
    private const string Binding = "global::Ipc.CompilerServices.IpcContractBinding";

    /// <summary>Writes the initializer, a member of the contract's extensions class.</summary>
    public static void Write(IndentedWriter writer, ContractModel contract)
    {
        // The extension methods are called as static methods of this class: a simple name finds them here first, where
        // extension syntax could be ambiguous with another contract's of the same stem in the same namespace.
        string stem = contract.Names.Stem;
        bool toMain = contract.Direction == ContractDirection.RendererToMain;
        var bindings = new List<string>
        {
            $"Direction = global::Ipc.IpcDirection.{(toMain ? "RendererToMain" : "MainToRenderer")},",
        };
        if (ServingWriter.Applies(contract))
        {
            bindings.Add(toMain
                ? $"ServeOnMain = static (main, activator) => {stem}(main).{GeneratedNames.ServeMethod}(activator),"
                : $"ServeOnRenderer = static (renderer, activator) => {stem}(renderer).{GeneratedNames.ServeMethod}(activator),");
        }

        if (toMain)
        {
            bindings.Add($"RendererProxy = static renderer => {stem}(renderer),");
        }
        else
        {
            if (BroadcastWriter.ImplementsContract(contract))
            {
                bindings.Add($"Broadcast = static main => {stem}(main),");
            }

            bindings.Add($"SenderProxy = static sender => {stem}(sender),");
        }

        writer.Line($"/// <summary>Registers the generated code of <see cref=\"{contract.InterfaceType}\"/> with <see cref=\"global::Ipc.CompilerServices.IpcContracts\"/>, for code that knows the contract only as a type parameter.</summary>");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Line($"internal static void {GeneratedNames.RegistrationMethod}() =>");
        writer.Line($"    global::Ipc.CompilerServices.IpcContracts.Register(new {Binding}<{contract.InterfaceType}>");
        writer.Line("    {");
        foreach (string binding in bindings)
        {
            writer.Line($"        {binding}");
        }

        writer.Line("    });");
    }
}
