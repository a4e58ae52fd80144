namespace Ipc.Protocol;

/// <summary>
/// The first byte of every frame. The kinds are the same in both directions where both ends may send them;
/// which end accepts which kind is <see cref="Connection.InboundPolicy"/>'s decision.
/// </summary>
internal enum MessageKind : byte
{
    /// <summary>Renderer → main fire-and-forget message: channel + arguments.</summary>
    Send = 1,

    /// <summary>Renderer → main synchronous message: id + channel + arguments; answered by <see cref="Reply"/>.</summary>
    SendSync = 2,

    /// <summary>Either way: an invocation, id + channel + arguments; answered by <see cref="Reply"/>.</summary>
    Invoke = 3,

    /// <summary>Either way: cancel the invocation with this id, which this end sent earlier.</summary>
    Cancel = 4,

    /// <summary>Either way: the answer to a <see cref="SendSync"/>, <see cref="Invoke"/> or <see cref="NestedInvoke"/>.</summary>
    Reply = 5,

    /// <summary>Main → renderer message: channel + arguments.</summary>
    MainSend = 6,

    /// <summary>
    /// Main → renderer invocation sent by a listener that is answering that renderer's <see cref="SendSync"/>.
    /// If the renderer's dispatcher is the thread blocked in that SendSync, the handler could never run before
    /// main's listener returns: the renderer refuses it at once instead of letting both wait.
    /// </summary>
    NestedInvoke = 7,
}

/// <summary>What a <see cref="MessageKind.Reply"/> frame carries.</summary>
internal enum ReplyStatus : byte
{
    /// <summary>An argument section holding the value (none for "no value").</summary>
    Value = 0,

    /// <summary>A sync message nobody answered: one string, the reason.</summary>
    NoReply = 1,

    /// <summary>The listener or handler threw: two strings, the exception type and message.</summary>
    RemoteError = 2,

    /// <summary>An invocation with no handler: one string, the reason.</summary>
    NoHandler = 3,

    /// <summary>The invocation was cancelled on the answering side.</summary>
    Cancelled = 4,

    /// <summary>
    /// The answering end could not run the call, or could not send its answer: one string, the reason. Either the call
    /// could not be run without a deadlock (see <see cref="MessageKind.NestedInvoke"/>), or the handler returned a result
    /// that cannot travel (too large, or not serializable). The caller gets an <see cref="IpcException"/> with the reason.
    /// </summary>
    Refused = 5,
}
