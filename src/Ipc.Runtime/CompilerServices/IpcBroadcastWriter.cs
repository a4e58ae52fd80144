using System.ComponentModel;
using Ipc.Protocol;
using Ipc.Telemetry;

namespace Ipc.CompilerServices;

/// <summary>
/// One call that a generated broadcast (<c>main.PingPongReplies()</c>) makes to every connected renderer, each argument
/// written as its declared type and serialised once for all of them. Generated code's door to the runtime; not meant
/// for direct use.
/// </summary>
/// <remarks>
/// Opened by <see cref="Send(IpcRendererTarget, string)"/> or <see cref="InvokeAll"/>, then <see cref="Write{T}"/> once per argument in order, then
/// <see cref="Send()"/> or <see cref="InvokeAllAsync{T}"/>. It behaves as <see cref="IpcRendererTarget"/>'s untyped calls:
/// a message is sent inside one producer span for all renderers, skipping any that leave meanwhile; an invocation
/// returns one result per renderer. Unlike the untyped broadcast, which serialises when the first renderer needs it,
/// the arguments are serialised as they are written, renderers or not. A ref struct used by one thread from open to
/// send, as generated code does; not thread-safe.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct IpcBroadcastWriter
{
    private readonly IpcMain _main;
    private readonly string _channel;
    private readonly bool _invoke;
    private readonly MessageTelemetry _span;
    private BroadcastSection? _section;
    private Exception? _failure;

    private IpcBroadcastWriter(IpcMain main, string channel, bool invoke)
    {
        _main = main;
        _channel = channel;
        _invoke = invoke;
        _span = invoke ? default : MessageTelemetry.Send(peer: null, channel);
        _section = new BroadcastSection();
    }

    private IpcBroadcastWriter(IpcMain main, string channel, Exception failure)
    {
        _main = main;
        _channel = channel;
        _invoke = true;
        _failure = failure;
    }

    /// <summary>Opens a message to every connected renderer.</summary>
    /// <exception cref="ObjectDisposedException">The <see cref="IpcMain"/> is disposed.</exception>
    /// <exception cref="ArgumentException">The channel name is invalid.</exception>
    /// <param name="target">The renderers to send to.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The writer, ready for the arguments.</returns>
    public static IpcBroadcastWriter Send(IpcRendererTarget target, string channel)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Main.ThrowIfDisposed();
        ChannelName.Validate(channel);
        return new IpcBroadcastWriter(target.Main, channel, invoke: false);
    }

    /// <summary>Opens an invocation of every connected renderer's handler; its failures go into the task.</summary>
    /// <param name="target">The renderers to invoke.</param>
    /// <param name="channel">The channel.</param>
    /// <returns>The writer, ready for the arguments.</returns>
    public static IpcBroadcastWriter InvokeAll(IpcRendererTarget target, string channel)
    {
        ArgumentNullException.ThrowIfNull(target);
        try
        {
            target.Main.ThrowIfDisposed();
            ChannelName.Validate(channel);
            return new IpcBroadcastWriter(target.Main, channel, invoke: true);
        }
        catch (Exception e)
        {
            return new IpcBroadcastWriter(target.Main, channel, e);
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

        try
        {
            BroadcastSection section = _section ?? throw Finished();
            MessageArguments.RejectCancellationToken(_invoke ? MessageKind.Invoke : MessageKind.MainSend, _channel, section.Count, value);
            section.Write(_main.Serializer, _channel, value);
        }
        catch (Exception e) when (_invoke)
        {
            Fail(e);
        }
        catch (Exception e)
        {
            Fail(e);
            throw;
        }
    }

    /// <summary>Sends the message to every connected renderer, skipping any that leave meanwhile.</summary>
    /// <exception cref="IpcMessageTooLargeException">The message exceeds the maximum size; nothing was sent.</exception>
    public void Send()
    {
        BroadcastSection section = Take(invoke: false);
        var frames = new BroadcastFrames(_channel, section);
        try
        {
            section.End();
            IpcRendererTarget.SendToEach(_main, frames);
        }
        catch (Exception e)
        {
            _span.End(e);
            throw;
        }
        finally
        {
            frames.Return();
            section.Return();
        }

        _span.End(null);
    }

    /// <summary>Invokes every connected renderer's handler: one result per renderer, the task never failing for one renderer's sake.</summary>
    /// <typeparam name="T">The type of the handlers' results.</typeparam>
    /// <param name="cancellationToken">Cancels every renderer's call.</param>
    /// <returns>One result per renderer connected when the call started.</returns>
    public Task<IReadOnlyList<IpcRendererResult<T>>> InvokeAllAsync<T>(CancellationToken cancellationToken)
    {
        if (_failure is not null)
        {
            return Task.FromException<IReadOnlyList<IpcRendererResult<T>>>(_failure);
        }

        BroadcastSection section = Take(invoke: true);
        try
        {
            section.End();
            return _main.InvokeAllAround<T>(_channel, section, cancellationToken);
        }
        finally
        {
            section.Return();
        }
    }

    private BroadcastSection Take(bool invoke)
    {
        if (invoke != _invoke)
        {
            throw new InvalidOperationException($"The broadcast on '{_channel}' was opened as {(_invoke ? "an invocation" : "a message")}.");
        }

        BroadcastSection section = _section ?? throw Finished();
        _section = null;
        return section;
    }

    private void Fail(Exception error)
    {
        _section?.Return();
        _section = null;
        _failure ??= _invoke ? error : null;
        _span.End(error);
    }

    private readonly InvalidOperationException Finished() => new($"The broadcast on '{_channel}' was already sent or abandoned.");
}
