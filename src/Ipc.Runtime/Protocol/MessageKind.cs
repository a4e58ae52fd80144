namespace Ipc.Protocol;

/// <summary>The first byte of every frame.</summary>
internal enum MessageKind : byte
{
    /// <summary>Renderer → main fire-and-forget message: channel + arguments.</summary>
    Send = 1,

    /// <summary>Renderer → main synchronous message: id + channel + arguments; answered by <see cref="Reply"/>.</summary>
    SendSync = 2,

    /// <summary>Renderer → main invocation: id + channel + arguments; answered by <see cref="Reply"/>.</summary>
    Invoke = 3,

    /// <summary>Renderer → main: cancel the invocation with this id.</summary>
    Cancel = 4,

    /// <summary>Main → renderer answer to a <see cref="SendSync"/> or <see cref="Invoke"/>.</summary>
    Reply = 5,

    /// <summary>Main → renderer message: channel + arguments.</summary>
    MainSend = 6,
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

    /// <summary>The invocation was cancelled on main's side.</summary>
    Cancelled = 4,
}
