using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the listening side of a contract: the view class with one property per member
/// (<c>main.PingPong().AsynchronousMessage</c>) and its <c>Serve</c> method, and the channel classes those properties hold.
/// </summary>
internal static class ListeningSideWriter
{
    /// <param name="endpointType">The runtime endpoint that listens: <c>global::Ipc.IpcMain</c> or <c>global::Ipc.IpcRenderer</c>.</param>
    /// <param name="endpointName">The constructor parameter's name for it.</param>
    /// <param name="sideDescription">Prose for the docs: "The main process's" or "A renderer's".</param>
    public static void WriteView(IndentedWriter writer, ContractModel contract, string accessibility, string endpointType, string endpointName, string sideDescription)
    {
        string view = contract.Names.ListeningSideClass;
        writer.Line("/// <summary>" + sideDescription + " side of <see cref=\"" + contract.InterfaceType + "\"/>: one typed channel per member.</summary>");
        writer.Line(accessibility + " sealed partial class " + view).OpenBlock();
        bool serves = ServingWriter.Applies(contract);
        if (serves)
        {
            // Serve claims the contract on the endpoint itself, so that a second view of it cannot serve it twice.
            writer.Line("private readonly " + endpointType + " " + GeneratedNames.SendingSideField + ";");
            writer.Line();
        }

        writer.Line("/// <summary>Binds the channels of <see cref=\"" + contract.InterfaceType + "\"/> to <paramref name=\"" + endpointName + "\"/>.</summary>");
        writer.Line("/// <param name=\"" + endpointName + "\">The endpoint whose listeners and handlers the channels manage.</param>");
        writer.Line("public " + view + "(" + endpointType + " " + endpointName + ")").OpenBlock();
        if (serves)
        {
            writer.Line(GeneratedNames.SendingSideFieldAccess + " = " + endpointName + " ?? throw new global::System.ArgumentNullException(nameof(" + endpointName + "));");
        }

        foreach (MemberModel member in contract.Members)
        {
            writer.Line(member.Name + " = new " + ContractEmitter.ChannelClass(contract, member) + "(" + endpointName + ");");
        }

        writer.CloseBlock();
        foreach (MemberModel member in contract.Members)
        {
            writer.Line();
            ContractEmitter.WriteDocumentation(writer, member.Documentation, "The <c>" + member.ChannelName + "</c> channel, of " + ContractEmitter.MemberReference(contract, member) + ".");
            writer.Line("public " + ContractEmitter.ChannelClass(contract, member) + " " + member.Name + " { get; }");
        }

        if (serves)
        {
            writer.Line();
            ServingWriter.Write(writer, contract);
        }

        writer.CloseBlock();
    }

    public static void WriteChannels(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        writer.Line("/// <summary>The typed channels of <see cref=\"" + contract.InterfaceType + "\"/>, one class per member.</summary>");
        writer.Line(accessibility + " static partial class " + contract.Names.ChannelsClass).OpenBlock();
        bool first = true;
        foreach (MemberModel member in contract.Members)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            WriteChannel(writer, contract, member);
        }

        writer.CloseBlock();
    }

    private static void WriteChannel(IndentedWriter writer, ContractModel contract, MemberModel member)
    {
        bool toMain = contract.Direction == ContractDirection.RendererToMain;
        string endpointType = toMain ? "global::Ipc.IpcMain" : "global::Ipc.IpcRenderer";
        string endpointName = toMain ? "main" : "renderer";
        string channelClass = ContractEmitter.ChannelClass(contract, member);
        string delegateName = member.Kind == MemberKind.Invoke ? "Handler" : "Listener";
        string baseClass = endpointType + (member.Kind == MemberKind.Invoke ? "InvokeChannel" : "ListenerChannel");
        string reference = ContractEmitter.MemberReference(contract, member);

        writer.Line("/// <summary>The <c>" + member.ChannelName + "</c> channel, of " + reference + ".</summary>");
        writer.Line("public sealed class " + member.ChannelTypeName + " : " + baseClass + "<" + channelClass + "." + delegateName + ">").OpenBlock();
        writer.Line("/// <summary>The channel's name on the wire.</summary>");
        writer.Line("public const string Name = " + ContractEmitter.Literal(member.ChannelName) + ";");
        writer.Line();
        writer.Line("/// <summary>Binds the channel to <paramref name=\"" + endpointName + "\"/>.</summary>");
        writer.Line("/// <param name=\"" + endpointName + "\">The endpoint that receives the channel's messages.</param>");
        writer.Line("public " + member.ChannelTypeName + "(" + endpointType + " " + endpointName + ")");
        writer.Line("    : base(" + endpointName + ", Name)").OpenBlock().CloseBlock();
        writer.Line();
        switch (member.Kind)
        {
            case MemberKind.Invoke:
                WriteHandler(writer, member, reference, endpointType + "InvokeEvent", endpointType + "Handler");
                break;
            case MemberKind.Sync:
                WriteListener(writer, member, reference, "global::Ipc.IpcMainEvent<" + member.ResultType + ">", "new global::Ipc.IpcMainEvent<" + member.ResultType + ">(e)", "global::Ipc.IpcMainListener");
                break;
            default:
                WriteListener(writer, member, reference, endpointType + "Event", "e", endpointType + "Listener");
                break;
        }

        writer.CloseBlock();
    }

    private static void WriteListener(IndentedWriter writer, MemberModel member, string reference, string eventType, string eventExpression, string untypedListener)
    {
        string answer = member.Kind == MemberKind.Sync ? " Setting the event's <c>ReturnValue</c> answers the call." : string.Empty;
        writer.Line("/// <summary>Receives the messages " + reference + " sends: the event, then the typed arguments." + answer + "</summary>");
        writer.Line("public delegate void Listener(" + ContractEmitter.DelegateParameterList(eventType, member, withCancellationToken: false) + ");");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("protected override " + untypedListener + " Adapt(Listener listener) =>");
        writer.Line("    (e, args) => listener(" + JoinArguments(eventExpression, ContractEmitter.ArgumentReads(member)) + ");");
    }

    /// <param name="eventType">The invocation's event: <c>global::Ipc.IpcMainInvokeEvent</c> or <c>global::Ipc.IpcRendererInvokeEvent</c>.</param>
    /// <param name="untypedHandler">The runtime's handler delegate: <c>global::Ipc.IpcMainHandler</c> or <c>global::Ipc.IpcRendererHandler</c>.</param>
    private static void WriteHandler(IndentedWriter writer, MemberModel member, string reference, string eventType, string untypedHandler)
    {
        string reads = ContractEmitter.ArgumentReads(member);
        if (member.CancellationTokenName is not null)
        {
            reads = JoinArguments(reads, "e.CancellationToken");
        }

        writer.Line("/// <summary>Answers the calls of " + reference + ": the event, then the typed arguments; the result is the reply.</summary>");
        writer.Line("public delegate " + member.ReturnType + " Handler(" + ContractEmitter.DelegateParameterList(eventType, member, withCancellationToken: true) + ");");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line("protected override " + untypedHandler + " Adapt(Handler handler) =>");
        writer.Line("    (e, args) => global::Ipc.CompilerServices.IpcReply.Of(handler(" + JoinArguments("e", reads) + "));");
    }

    private static string JoinArguments(string first, string rest) =>
        first.Length == 0 ? rest
        : rest.Length == 0 ? first
        : first + ", " + rest;
}
