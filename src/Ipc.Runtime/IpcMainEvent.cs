using Ipc.Emitter;
using Ipc.Connection;
using Ipc.Protocol;

namespace Ipc;

/// <summary>
/// What a main-process listener receives with a message: Electron's <c>IpcMainEvent</c>. For a message
/// sent with <see cref="IpcRenderer.SendSync{T}"/>, setting <see cref="ReturnValue"/> answers it.
/// Created for one message and used on main's dispatcher by its listeners; <see cref="ReturnValue"/> may be set from any thread (the first assignment wins), the rest is immutable.
/// </summary>
public sealed class IpcMainEvent
{
    private readonly Peer _peer;
    private readonly ReplySlot? _reply;
    private object? _returnValue;

    internal IpcMainEvent(Peer peer, string channel, ReplySlot? reply)
    {
        _peer = peer;
        Channel = channel;
        _reply = reply;
    }

    /// <summary>The channel the message arrived on.</summary>
    public string Channel { get; }

    /// <summary>The renderer that sent the message; send back to it with <see cref="IpcSender.Send"/>.</summary>
    public IpcSender Sender => _peer.Sender!;

    /// <summary>True when the message came from <see cref="IpcRenderer.SendSync{T}"/> and waits for <see cref="ReturnValue"/>.</summary>
    public bool IsSync => _reply is not null;

    /// <summary>
    /// The reply to a synchronous message. The first assignment is serialised and sent at once; later
    /// assignments, and assignments after every listener has returned (e.g. after an <c>await</c>), are
    /// ignored. On a fire-and-forget message it has no effect.
    /// </summary>
    /// <exception cref="IpcSerializationException">The value cannot be serialised; no reply was sent, so another listener may still answer.</exception>
    /// <exception cref="IpcMessageTooLargeException">The serialised value exceeds the maximum message size; no reply was sent.</exception>
    public object? ReturnValue
    {
        get => _returnValue;
        set => SetReturnValue(value);
    }

    /// <summary>Sets <see cref="ReturnValue"/>, serialising <paramref name="value"/> as <typeparamref name="T"/> (for trimmed and AOT apps).</summary>
    /// <typeparam name="T">The type to serialise the value as.</typeparam>
    /// <param name="value">The reply.</param>
    /// <exception cref="IpcSerializationException">The value cannot be serialised; no reply was sent.</exception>
    public void SetReturnValue<T>(T value)
    {
        if (_reply is null)
        {
            _returnValue = value; // kept for reading back, as in Electron; nothing waits for it
            return;
        }

        if (_reply.TrySendValue(value))
        {
            _returnValue = value;
        }
    }

    /// <summary>Sends a message to the renderer that sent this one: Electron's <c>event.reply</c>.</summary>
    /// <exception cref="IpcDisconnectedException">That renderer is gone.</exception>
    /// <param name="channel">The channel, on the renderer's side.</param>
    /// <param name="args">The arguments.</param>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    public void Reply(string channel, params object?[]? args) => Sender.Send(channel, args);

    /// <summary>Answers a sync message that no listener answered, once every listener has returned.</summary>
    internal void CompleteSync(EmitResult result)
    {
        if (_reply is null || !_reply.IsOpen)
        {
            return;
        }

        if (result.FirstError is { } error)
        {
            _reply.TrySendError(error);
        }
        else
        {
            string reason = result.ListenersRun == 0
                ? $"No listener is registered in the main process for sync channel '{Channel}'."
                : $"No listener set ReturnValue for sync channel '{Channel}'.";
            _reply.TrySendStatus(ReplyStatus.NoReply, reason);
        }
    }
}

/// <summary>What a main-process handler receives with an invocation: Electron's <c>IpcMainInvokeEvent</c>. Immutable, so thread-safe.</summary>
public sealed class IpcMainInvokeEvent
{
    internal IpcMainInvokeEvent(IpcSender sender, string channel, CancellationToken cancellationToken)
    {
        Sender = sender;
        Channel = channel;
        CancellationToken = cancellationToken;
    }

    /// <summary>The channel invoked.</summary>
    public string Channel { get; }

    /// <summary>The renderer that invoked the handler.</summary>
    public IpcSender Sender { get; }

    /// <summary>Cancelled when the renderer cancels the call or disconnects.</summary>
    public CancellationToken CancellationToken { get; }
}
