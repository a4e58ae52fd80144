using System.ComponentModel;
using Ipc.Connection;
using Ipc.Protocol;
using Ipc.Telemetry;

namespace Ipc.CompilerServices;

/// <summary>
/// One message a generated sender writes to one peer, each argument as its declared type, straight into the frame:
/// no <c>object?[]</c>, no box for a value type, no lookup of a value's runtime type. Generated code's door to the
/// runtime; not meant for direct use.
/// A ref struct used by one thread from open to finish; not thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Generated code opens the message (<see cref="Send(IpcRenderer, string)"/>, <see cref="SendSync(IpcRenderer, string)"/>,
/// <see cref="Invoke(IpcRenderer, string)"/> and their <see cref="IpcSender"/> twins), calls <see cref="Write{T}"/> once
/// per argument in order, then the finisher of the same kind: <see cref="Send()"/>, <see cref="SendSync{T}"/> or
/// <see cref="InvokeAsync{T}"/>. It behaves as the untyped call of the same name does: the same checks (a disposed
/// endpoint, the channel's name, a <see cref="CancellationToken"/> among the arguments), the same errors naming the
/// argument's index and the channel, the size check before anything is written, raw bytes for binary arguments where
/// the connection agreed to them, and the same spans and metrics.
/// </para>
/// <para>
/// The span starts when the message is opened, because the frame's header, written first, carries its trace context;
/// an invocation's span then stops being current at once, as the untyped call's does when it returns its task. Every
/// step that fails gives the frame back and ends the span before it throws. An invocation's failures, from opening on,
/// go into the task <see cref="InvokeAsync{T}"/> returns, as they do for an <c>async</c> method.
/// </para>
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct IpcMessageWriter
{
    private readonly Peer? _peer;
    private readonly IpcRenderer? _syncCaller;
    private readonly MessageKind _kind;
    private readonly string _channel;
    private readonly TimeSpan _timeout;
    private readonly int _countSlot;
    private readonly MessageTelemetry _message;
    private readonly CallTelemetry? _call;
    private FrameBuilder? _frame;
    private int _count;
    private Exception? _failure;

    private IpcMessageWriter(Peer peer, MessageKind kind, string channel, TimeSpan timeout, IpcRenderer? syncCaller = null)
    {
        _peer = peer;
        _syncCaller = syncCaller;
        _kind = kind;
        _channel = channel;
        _timeout = timeout;
        if (kind is MessageKind.Send or MessageKind.MainSend)
        {
            _message = MessageTelemetry.Send(peer.Outbox.Telemetry, channel);
        }
        else
        {
            _call = CallTelemetry.StartClient(peer.Outbox.Telemetry, kind, channel);
        }

        try
        {
            _frame = peer.Outbox.BeginArguments(kind, channel, out _countSlot);
        }
        catch (Exception e)
        {
            _frame = null;
            Fail(e);
            throw;
        }

        if (IsInvocation)
        {
            _call?.RestoreCurrent(); // the caller's thread goes on while the call waits, as after the untyped InvokeAsync returns
        }
    }

    private IpcMessageWriter(MessageKind kind, string channel, Exception failure)
    {
        _kind = kind;
        _channel = channel;
        _failure = failure;
    }

    private readonly bool IsInvocation => _kind is MessageKind.Invoke or MessageKind.NestedInvoke;

    /// <summary>Opens a fire-and-forget message from a renderer to main (<see cref="IpcRenderer.Send"/>).</summary>
    /// <exception cref="ObjectDisposedException">The renderer is disposed.</exception>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <param name="renderer">The renderer that sends.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The writer, ready for the arguments.</returns>
    public static IpcMessageWriter Send(IpcRenderer renderer, string channel)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        renderer.ThrowIfDisposed();
        ChannelName.Validate(channel);
        return new IpcMessageWriter(renderer.CurrentPeer, MessageKind.Send, channel, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Opens a message that blocks until main answers (<see cref="IpcRenderer.SendSync{T}"/>).</summary>
    /// <exception cref="ObjectDisposedException">The renderer is disposed.</exception>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <exception cref="InvalidOperationException">Called on main's dispatcher thread (in-process), where it could never be answered.</exception>
    /// <param name="renderer">The renderer that sends.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The writer, ready for the arguments.</returns>
    public static IpcMessageWriter SendSync(IpcRenderer renderer, string channel)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        renderer.ThrowIfDisposed();
        ChannelName.Validate(channel);
        renderer.RefuseSendSyncThatWaitsForItself(channel);
        return new IpcMessageWriter(renderer.CurrentPeer, MessageKind.SendSync, channel, renderer.SendSyncTimeout, renderer);
    }

    /// <summary>Opens an invocation of main's handler (<see cref="IpcRenderer.InvokeAsync{T}(string, object?[], CancellationToken)"/>); its failures go into the task.</summary>
    /// <param name="renderer">The renderer that sends.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The writer, ready for the arguments.</returns>
    public static IpcMessageWriter Invoke(IpcRenderer renderer, string channel)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(renderer);
            renderer.ThrowIfDisposed();
            ChannelName.Validate(channel);
            return new IpcMessageWriter(renderer.CurrentPeer, MessageKind.Invoke, channel, renderer.InvokeTimeout);
        }
        catch (Exception e)
        {
            return new IpcMessageWriter(MessageKind.Invoke, channel, e);
        }
    }

    /// <summary>Opens a message from main to one renderer (<see cref="IpcSender.Send"/>).</summary>
    /// <exception cref="ObjectDisposedException">The <see cref="IpcMain"/> is disposed.</exception>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <param name="renderer">Main's view of the renderer to send to.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The writer, ready for the arguments.</returns>
    public static IpcMessageWriter Send(IpcSender renderer, string channel)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        renderer.ThrowIfMainDisposed();
        ChannelName.Validate(channel);
        return new IpcMessageWriter(renderer.Peer, MessageKind.MainSend, channel, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Opens an invocation of one renderer's handler (<see cref="IpcSender.InvokeAsync{T}(string, object?[], CancellationToken)"/>); its failures go into the task.</summary>
    /// <param name="renderer">Main's view of the renderer to send to.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The writer, ready for the arguments.</returns>
    public static IpcMessageWriter Invoke(IpcSender renderer, string channel)
    {
        try
        {
            ArgumentNullException.ThrowIfNull(renderer);
            renderer.ThrowIfMainDisposed();
            ChannelName.Validate(channel);
            return new IpcMessageWriter(renderer.Peer, renderer.InvokeKind, channel, renderer.InvokeTimeout);
        }
        catch (Exception e)
        {
            return new IpcMessageWriter(MessageKind.Invoke, channel, e);
        }
    }

    /// <summary>Writes the next argument as <typeparamref name="T"/>, its declared type.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is a <see cref="CancellationToken"/>; nothing was sent.</exception>
    /// <exception cref="IpcSerializationException">The value cannot be serialised; nothing was sent.</exception>
    /// <typeparam name="T">The argument's declared type.</typeparam>
    /// <param name="value">The argument.</param>
    public void Write<T>(T value)
    {
        if (_failure is not null)
        {
            return; // an invocation that already failed: its task will say why
        }

        int index = _count++;
        try
        {
            FrameBuilder frame = _frame ?? throw Finished();
            MessageArguments.RejectCancellationToken(_kind, _channel, index, value);
            _peer!.Outbox.WriteArgument(frame, _channel, index, value);
        }
        catch (Exception e) when (IsInvocation)
        {
            Fail(e);
        }
        catch (Exception e)
        {
            Fail(e);
            throw;
        }
    }

    /// <summary>Sends the message opened by <see cref="Send(IpcRenderer, string)"/> or <see cref="Send(IpcSender, string)"/>.</summary>
    /// <exception cref="IpcMessageTooLargeException">The message exceeds the maximum size; nothing was sent.</exception>
    /// <exception cref="IpcDisconnectedException">The connection is closed.</exception>
    public void Send()
    {
        FrameBuilder frame = Take(MessageKind.Send, MessageKind.MainSend);
        try
        {
            _peer!.Outbox.EndArguments(frame, _countSlot, _count, _channel);
            _peer.Outbox.SendBuilt(frame, _kind, Deadline.Never);
        }
        catch (Exception e)
        {
            _message.End(e);
            throw;
        }
        finally
        {
            frame.Return();
        }

        _message.End(null);
    }

    /// <summary>Sends the message opened by <see cref="SendSync(IpcRenderer, string)"/> and blocks until main's answer.</summary>
    /// <returns>The value main's listener set, as <typeparamref name="T"/>.</returns>
    /// <typeparam name="T">The reply's type.</typeparam>
    public T? SendSync<T>()
    {
        FrameBuilder frame = Take(MessageKind.SendSync, MessageKind.SendSync);
        try
        {
            _peer!.Outbox.EndArguments(frame, _countSlot, _count, _channel);
        }
        catch (Exception e)
        {
            frame.Return();
            Fail(e);
            throw;
        }

        bool onDispatcher = _syncCaller!.EnterSendSync();
        try
        {
            return _peer.Calls.CallSync<T>(_channel, frame, _call, _timeout);
        }
        finally
        {
            _syncCaller.ExitSendSync(onDispatcher);
        }
    }

    /// <summary>Sends the invocation opened by <see cref="Invoke(IpcRenderer, string)"/> or <see cref="Invoke(IpcSender, string)"/>.</summary>
    /// <param name="cancellationToken">Ends the wait and cancels the remote handler.</param>
    /// <returns>The handler's result, as <typeparamref name="T"/>; every failure, from opening on, is in the task.</returns>
    /// <typeparam name="T">The handler's result type.</typeparam>
    public Task<T?> InvokeAsync<T>(CancellationToken cancellationToken)
    {
        if (_failure is not null)
        {
            return Task.FromException<T?>(_failure);
        }

        FrameBuilder frame;
        try
        {
            frame = Take(MessageKind.Invoke, MessageKind.NestedInvoke);
            _peer!.Outbox.EndArguments(frame, _countSlot, _count, _channel);
        }
        catch (Exception e)
        {
            _frame?.Return();
            _frame = null;
            Fail(e);
            return Task.FromException<T?>(e);
        }

        return _peer.Calls.InvokeAsync<T>(_kind, _channel, frame, _call, _timeout, cancellationToken);
    }

    /// <summary>Takes the frame for the finisher; a finisher of another kind, or a second one, is a bug in the caller.</summary>
    private FrameBuilder Take(MessageKind kind, MessageKind alternative)
    {
        if (_kind != kind && _kind != alternative)
        {
            throw new InvalidOperationException($"The message on '{_channel}' was opened as {_kind}, not {kind}.");
        }

        FrameBuilder frame = _frame ?? throw Finished();
        _frame = null;
        return frame;
    }

    /// <summary>Gives the frame back and ends the span as failed; an invocation keeps the error for its task.</summary>
    private void Fail(Exception error)
    {
        _frame?.Return();
        _frame = null;
        _failure ??= IsInvocation ? error : null;
        _message.End(error);
        _call?.Failed(error);
    }

    private readonly InvalidOperationException Finished() => new($"The message on '{_channel}' was already sent or abandoned.");
}
