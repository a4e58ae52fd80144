using Ipc.Emitter;
using Ipc.Main;
using Ipc.Protocol;

namespace Ipc;

/// <summary>
/// What a main-process listener receives with a message: Electron's <c>IpcMainEvent</c>. For a message
/// sent with <see cref="IpcRenderer.SendSync{T}"/>, setting <see cref="ReturnValue"/> answers it.
/// </summary>
public sealed class IpcMainEvent
{
    private const int Pending = 0;
    private const int Replied = 1;
    private const int Closed = 2;

    private readonly RendererLink _link;
    private readonly long _syncId;
    private object? _returnValue;
    private int _replyState;

    internal IpcMainEvent(RendererLink link, string channel, long syncId)
    {
        _link = link;
        Channel = channel;
        _syncId = syncId;
        _replyState = syncId == 0 ? Closed : Pending;
    }

    /// <summary>The channel the message arrived on.</summary>
    public string Channel { get; }

    /// <summary>The renderer that sent the message; send back to it with <see cref="IpcSender.Send"/>.</summary>
    public IpcSender Sender => _link.Sender;

    /// <summary>True when the message came from <see cref="IpcRenderer.SendSync{T}"/> and waits for <see cref="ReturnValue"/>.</summary>
    public bool IsSync => _syncId != 0;

    /// <summary>
    /// The reply to a synchronous message. The first assignment is serialised and sent at once; later
    /// assignments, and assignments after every listener has returned (e.g. after an <c>await</c>), are
    /// ignored. On a fire-and-forget message it has no effect.
    /// </summary>
    /// <exception cref="IpcSerializationException">The value cannot be serialised; no reply was sent, so another listener may still answer.</exception>
    public object? ReturnValue
    {
        get => _returnValue;
        set => SetReturnValue(value);
    }

    /// <summary>Sets <see cref="ReturnValue"/>, serialising <paramref name="value"/> as <typeparamref name="T"/> (for trimmed and AOT apps).</summary>
    public void SetReturnValue<T>(T value)
    {
        if (Volatile.Read(ref _replyState) != Pending)
        {
            if (!IsSync)
            {
                _returnValue = value; // kept for reading back, as in Electron; nothing waits for it
            }

            return;
        }

        FrameBuilder reply = _link.Outbox.BuildValueReply(_syncId, Channel, value);
        if (Interlocked.CompareExchange(ref _replyState, Replied, Pending) != Pending)
        {
            reply.Return();
            return;
        }

        _returnValue = value;
        _link.Outbox.SendBuilt(reply);
    }

    /// <summary>Sends a message to the renderer that sent this one: Electron's <c>event.reply</c>.</summary>
    /// <exception cref="IpcDisconnectedException">That renderer is gone.</exception>
    public void Reply(string channel, params object?[]? args) => Sender.Send(channel, args);

    /// <summary>Answers a sync message that no listener answered, once every listener has returned.</summary>
    internal void CompleteSync(EmitResult result)
    {
        if (Interlocked.CompareExchange(ref _replyState, Closed, Pending) != Pending)
        {
            return;
        }

        if (result.FirstError is { } error)
        {
            _link.Outbox.SendErrorReply(_syncId, Channel, error);
        }
        else
        {
            string reason = result.ListenersRun == 0
                ? $"No listener is registered in the main process for sync channel '{Channel}'."
                : $"No listener set ReturnValue for sync channel '{Channel}'.";
            _link.Outbox.SendStatusReply(_syncId, Channel, ReplyStatus.NoReply, reason);
        }
    }
}

/// <summary>What a main-process handler receives with an invocation: Electron's <c>IpcMainInvokeEvent</c>.</summary>
public sealed class IpcMainInvokeEvent
{
    private readonly RendererLink _link;

    internal IpcMainInvokeEvent(RendererLink link, string channel, CancellationToken cancellationToken)
    {
        _link = link;
        Channel = channel;
        CancellationToken = cancellationToken;
    }

    /// <summary>The channel invoked.</summary>
    public string Channel { get; }

    /// <summary>The renderer that invoked the handler.</summary>
    public IpcSender Sender => _link.Sender;

    /// <summary>Cancelled when the renderer cancels the call or disconnects.</summary>
    public CancellationToken CancellationToken { get; }
}
