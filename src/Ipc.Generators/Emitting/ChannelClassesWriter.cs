using System.Collections.Generic;
using System.Globalization;
using Ipc.Generators.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the static class holding one channel class per contract member: its wire name, its typed delegate
/// (<c>Listener</c> or <c>Handler</c>) and the adapter from the runtime's untyped delegate, which reads each argument as
/// its declared type.
/// </summary>
internal static class ChannelClassesWriter
{
    public static void Write(IndentedWriter writer, ContractModel contract, string accessibility)
    {
        writer.Line($"/// <summary>The typed channels of <see cref=\"{contract.InterfaceType}\"/>, one class per member.</summary>");
        writer.Line(GeneratedCodeAttribute.Line);
        writer.Line($"{accessibility} static partial class {contract.Names.ChannelsClass}").OpenBlock();
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
        string channelClass = ContractText.ChannelClass(contract, member);
        string delegateName = member.Kind == MemberKind.Invoke ? "Handler" : "Listener";
        string baseClass = endpointType + (member.Kind == MemberKind.Invoke ? "InvokeChannel" : "ListenerChannel");
        string reference = ContractText.MemberReference(contract, member);

        writer.Line($"/// <summary>The <c>{member.ChannelName}</c> channel, of {reference}.</summary>");
        writer.Line($"public sealed class {member.ChannelTypeName} : {baseClass}<{channelClass}.{delegateName}>").OpenBlock();
        writer.Line("/// <summary>The channel's name on the wire.</summary>");
        writer.Line($"public const string Name = {SymbolDisplay.FormatLiteral(member.ChannelName, quote: true)};");
        writer.Line();
        writer.Line($"/// <summary>Binds the channel to <paramref name=\"{endpointName}\"/>.</summary>");
        writer.Line($"/// <param name=\"{endpointName}\">The endpoint that receives the channel's messages.</param>");
        writer.Line($"public {member.ChannelTypeName}({endpointType} {endpointName})");
        writer.Line($"    : base({endpointName}, Name)").OpenBlock().CloseBlock();
        writer.Line();
        switch (member.Kind)
        {
            case MemberKind.Invoke:
                WriteHandler(writer, member, reference, $"{endpointType}InvokeEvent", $"{endpointType}Handler");
                break;
            case MemberKind.Sync:
                WriteListener(writer, member, reference, $"global::Ipc.IpcMainEvent<{member.ResultType}>", $"new global::Ipc.IpcMainEvent<{member.ResultType}>(e)", "global::Ipc.IpcMainListener");
                break;
            default:
                WriteListener(writer, member, reference, $"{endpointType}Event", "e", $"{endpointType}Listener");
                break;
        }

        writer.CloseBlock();
    }

    private static void WriteListener(IndentedWriter writer, MemberModel member, string reference, string eventType, string eventExpression, string untypedListener)
    {
        string answer = member.Kind == MemberKind.Sync ? " Setting the event's <c>ReturnValue</c> answers the call." : string.Empty;
        writer.Line($"/// <summary>Receives the messages {reference} sends: the event, then the typed arguments.{answer}</summary>");
        writer.Line($"public delegate void Listener({DelegateParameterList(eventType, member, withCancellationToken: false)});");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"protected override {untypedListener} Adapt(Listener listener) =>");
        writer.Line($"    (e, args) => listener({JoinArguments(eventExpression, ArgumentReads(member))});");
    }

    /// <param name="eventType">The invocation's event: <c>global::Ipc.IpcMainInvokeEvent</c> or <c>global::Ipc.IpcRendererInvokeEvent</c>.</param>
    /// <param name="untypedHandler">The runtime's handler delegate: <c>global::Ipc.IpcMainHandler</c> or <c>global::Ipc.IpcRendererHandler</c>.</param>
    private static void WriteHandler(IndentedWriter writer, MemberModel member, string reference, string eventType, string untypedHandler)
    {
        string reads = ArgumentReads(member);
        if (member.CancellationTokenName is not null)
        {
            reads = JoinArguments(reads, "e.CancellationToken");
        }

        writer.Line($"/// <summary>Answers the calls of {reference}: the event, then the typed arguments; the result is the reply.</summary>");
        writer.Line($"public delegate {member.ReturnType} Handler({DelegateParameterList(eventType, member, withCancellationToken: true)});");
        writer.Line();
        writer.Line("/// <inheritdoc/>");
        writer.Line($"protected override {untypedHandler} Adapt(Handler handler) =>");
        writer.Line($"    (e, args) => global::Ipc.CompilerServices.IpcReply.Of(handler({JoinArguments("e", reads)}));");
    }

    /// <summary>
    /// The generated delegate's parameters: the event, then the typed arguments. The event's parameter is named
    /// <c>e</c> unless the contract already uses that name.
    /// </summary>
    private static string DelegateParameterList(string eventType, MemberModel member, bool withCancellationToken)
    {
        string eventName = ContractText.FreeName(member, "e");
        var typed = new List<string>(member.Parameters.Count);
        foreach (ParameterModel parameter in member.Parameters)
        {
            typed.Add($"{parameter.Type} {parameter.Name}");
        }

        string rest = withCancellationToken ? ContractText.ParameterList(member) : string.Join(", ", typed);
        return JoinArguments($"{eventType} {eventName}", rest);
    }

    /// <summary>The typed reads of a message's arguments, as call arguments.</summary>
    private static string ArgumentReads(MemberModel member)
    {
        var reads = new List<string>(member.Parameters.Count);
        for (int i = 0; i < member.Parameters.Count; i++)
        {
            ParameterModel parameter = member.Parameters[i];
            string suppression = parameter.Type.EndsWith("?", System.StringComparison.Ordinal) ? string.Empty : "!";
            string index = i.ToString(CultureInfo.InvariantCulture);
            reads.Add(parameter.DefaultValue is null
                ? $"args.Get<{parameter.Type}>({index}){suppression}"
                : $"args.GetOrDefault<{parameter.Type}>({index}, {parameter.DefaultValue}){suppression}");
        }

        return string.Join(", ", reads);
    }

    private static string JoinArguments(string first, string rest) =>
        first.Length == 0 ? rest
        : rest.Length == 0 ? first
        : $"{first}, {rest}";
}
