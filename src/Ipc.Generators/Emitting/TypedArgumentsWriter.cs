using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// Writes the body every generated sender shares: open a message on the runtime's typed seam
/// (<c>Ipc.CompilerServices.IpcMessageWriter</c> or <c>IpcBroadcastWriter</c>), write each argument as its declared
/// type, then finish it. The arguments never pass through an <c>object?[]</c>, so a value type is never boxed and the
/// serializer never asks a value for its runtime type.
/// </summary>
internal static class TypedArgumentsWriter
{
    public const string MessageWriter = "global::Ipc.CompilerServices.IpcMessageWriter";

    public const string BroadcastWriter = "global::Ipc.CompilerServices.IpcBroadcastWriter";

    /// <summary>
    /// Writes <c>var message = opener(endpoint, channel); message.Write&lt;T&gt;(arg); …</c> and the finishing statement.
    /// The local is <c>message</c>, unless one of the member's parameters has that name.
    /// </summary>
    /// <param name="writerType">The seam's type: <see cref="MessageWriter"/> or <see cref="BroadcastWriter"/>.</param>
    /// <param name="opener">Its static method that opens the message (<c>Send</c>, <c>SendSync</c>, <c>Invoke</c>, <c>InvokeAll</c>).</param>
    /// <param name="finish">The finishing statement, given the local's name: <c>message.Send();</c>, <c>return message.InvokeAsync&lt;int&gt;(ct)!;</c>.</param>
    public static void WriteBody(IndentedWriter writer, MemberModel member, string writerType, string opener, string endpoint, string channel, System.Func<string, string> finish)
    {
        string local = ContractText.FreeName(member, "message");
        writer.OpenBlock();
        writer.Line($"{writerType} {local} = {writerType}.{opener}({endpoint}, {channel});");
        foreach (ParameterModel parameter in member.Parameters)
        {
            writer.Line($"{local}.Write<{parameter.Type}>({parameter.Name});");
        }

        writer.Line(finish(local));
        writer.CloseBlock();
    }
}
