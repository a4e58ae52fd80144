using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the listening side's view of a contract: one property per member holding its channel class
/// (<c>main.PingPong().AsynchronousMessage</c>, written by <see cref="ChannelClassesWriter"/>), and its <c>Serve</c>
/// methods (<see cref="ServingWriter"/>).
/// </summary>
internal static class ListeningSideWriter
{
    /// <param name="endpointType">The runtime endpoint that listens: <c>global::Ipc.IpcMain</c> or <c>global::Ipc.IpcRenderer</c>.</param>
    /// <param name="endpointName">The constructor parameter's name for it.</param>
    /// <param name="sideDescription">Prose for the docs: "The main process's" or "A renderer's".</param>
    public static void WriteView(IndentedWriter writer, ContractModel contract, string accessibility, string endpointType, string endpointName, string sideDescription)
    {
        string view = contract.Names.ListeningSideClass;
        writer.Line($"/// <summary>{sideDescription} side of <see cref=\"{contract.InterfaceType}\"/>: one typed channel per member.</summary>");
        writer.Line(GeneratedCodeAttribute.Line);
        writer.Line($"{accessibility} sealed partial class {view}").OpenBlock();
        bool serves = ServingWriter.Applies(contract);
        if (serves)
        {
            // Serve claims the contract on the endpoint itself, so that a second view of it cannot serve it twice.
            writer.Line($"private readonly {endpointType} {GeneratedNames.SendingSideField};");
            writer.Line();
        }

        writer.Line($"/// <summary>Binds the channels of <see cref=\"{contract.InterfaceType}\"/> to <paramref name=\"{endpointName}\"/>.</summary>");
        writer.Line($"/// <param name=\"{endpointName}\">The endpoint whose listeners and handlers the channels manage.</param>");
        writer.Line($"public {view}({endpointType} {endpointName})").OpenBlock();
        if (serves)
        {
            writer.Line($"{GeneratedNames.SendingSideFieldAccess} = {endpointName} ?? throw new global::System.ArgumentNullException(nameof({endpointName}));");
        }

        foreach (MemberModel member in contract.Members)
        {
            writer.Line($"{member.Name} = new {ContractText.ChannelClass(contract, member)}({endpointName});");
        }

        writer.CloseBlock();
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            ContractText.WriteDocumentation(writer, member.Documentation, $"The <c>{member.ChannelName}</c> channel, of {ContractText.MemberReference(contract, member)}.");
            writer.Line($"public {ContractText.ChannelClass(contract, member)} {member.Name} {{ get; }}");
        }

        if (serves)
        {
            writer.Line();
            ServingWriter.Write(writer, contract);
        }

        writer.CloseBlock();
    }
}
