using System.Buffers.Binary;
using Ipc.Protocol;
using Ipc.Transport;

namespace Ipc.Main;

/// <summary>
/// Main's end of one renderer's connection. It decodes frames on the connection's reading side and hands
/// them, in arrival order, to main's dispatcher: on a connection with a reading thread of its own, that
/// thread runs a SendSync or Invoke itself when the dispatcher is idle (saving a thread wake-up per call);
/// everything else (fire-and-forget messages, a busy loop, an application context, the in-process
/// sender's thread) is queued.
/// </summary>
internal sealed class RendererLink : IFrameReceiver
{
    private readonly IpcMain _main;
    private readonly IpcConnection _connection;
    private readonly Dictionary<long, CancellationTokenSource> _invocations = new();
    private readonly object _undispatchedGate = new();
    private long _undispatched;

    public RendererLink(IpcMain main, IpcConnection connection, int id)
    {
        _main = main;
        _connection = connection;
        Outbox = new Outbox(connection, main.Serializer, main.MaxMessageSize);
        Sender = new IpcSender(this, id, connection.RemoteProcessId);
    }

    public IpcSender Sender { get; }

    public Outbox Outbox { get; }

    public IpcMain Main => _main;

    public void Start() => _connection.Start(this);

    public void Close() => _connection.Dispose();

    void IFrameReceiver.OnFrame(ReadOnlyMemory<byte> bytes)
    {
        Frame frame;
        try
        {
            frame = Frame.Decode(bytes);
        }
        catch (InvalidDataException e)
        {
            ReportMalformed(null, e);
            AnswerUndecodableCall(bytes.Span, e);
            return;
        }

        if (frame.Kind is MessageKind.Reply or MessageKind.MainSend)
        {
            ReportMalformed(frame.Channel, new InvalidDataException($"A renderer may not send {frame.Kind} frames."));
            return;
        }

        IpcArgs? args = null;
        if (frame.Kind != MessageKind.Cancel)
        {
            try
            {
                args = IpcArgs.FromSection(frame.Channel, frame.Body, Outbox.Serializer);
            }
            catch (InvalidDataException e)
            {
                ReportMalformed(frame.Channel, e);
                if (frame.Kind is MessageKind.SendSync or MessageKind.Invoke)
                {
                    Outbox.SendErrorReply(frame.Id, frame.Channel, e); // the caller must not wait for an answer that cannot come
                }

                return;
            }
        }

        var message = new InboundMessage(this, frame.Kind, frame.Id, frame.Channel, args, bytes.Length);
        if (_connection.HasReadingThread && frame.Kind is MessageKind.SendSync or MessageKind.Invoke)
        {
            // The renderer waits for this answer anyway: running the call here when main's loop is idle saves the
            // handoff to the loop's thread. Fire-and-forget messages are queued, so that main goes on reading
            // this renderer (up to MaxUndispatchedBytesPerRenderer) while their listeners run.
            _main.Dispatcher.RunOrEnqueue(message);
        }
        else
        {
            _main.Dispatcher.Enqueue(message); // in-process, this is the sender's thread: never main's listeners
        }

        // Counted after the handoff: a message that already ran subtracted its size, so the sum stays right.
        WaitForDispatcher(bytes.Length);
    }

    void IFrameReceiver.OnClosed(Exception? error)
    {
        lock (_undispatchedGate)
        {
            Monitor.PulseAll(_undispatchedGate); // a reading thread waiting for the dispatcher stops waiting
        }

        CancelAllInvocations();
        _main.OnRendererClosed(this, error);
    }

    /// <summary>Called by main's dispatcher once a message of <paramref name="size"/> bytes has been handled.</summary>
    public void Dispatched(int size)
    {
        lock (_undispatchedGate)
        {
            _undispatched -= size;
            if (_undispatched <= _main.MaxUndispatchedBytes)
            {
                Monitor.PulseAll(_undispatchedGate);
            }
        }
    }

    /// <summary>
    /// Counts a handed-over message (one that already ran has subtracted itself) and, on a connection with a
    /// reading thread of its own, stops reading while this
    /// renderer's queued messages exceed <see cref="IpcMainOptions.MaxUndispatchedBytesPerRenderer"/>: the
    /// renderer's sends then wait on the socket instead of main's memory growing.
    /// </summary>
    private void WaitForDispatcher(int size)
    {
        lock (_undispatchedGate)
        {
            _undispatched += size;
            while (_undispatched > _main.MaxUndispatchedBytes && _connection.HasReadingThread && _connection.IsConnected)
            {
                Monitor.Wait(_undispatchedGate, TimeSpan.FromSeconds(1));
            }
        }
    }

    public CancellationTokenSource BeginInvocation(long id)
    {
        var source = new CancellationTokenSource();
        lock (_invocations)
        {
            _invocations[id] = source;
        }

        if (!_connection.IsConnected)
        {
            source.Cancel();
        }

        return source;
    }

    public void EndInvocation(long id, CancellationTokenSource source)
    {
        lock (_invocations)
        {
            if (_invocations.TryGetValue(id, out CancellationTokenSource? current) && current == source)
            {
                _invocations.Remove(id);
            }
        }

        source.Dispose();
    }

    /// <summary>Runs on main's dispatcher, so the handler's cancellation callbacks do too.</summary>
    public void CancelInvocation(long id)
    {
        CancellationTokenSource? source;
        lock (_invocations)
        {
            _invocations.TryGetValue(id, out source);
        }

        try
        {
            source?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The invocation finished while the cancel request was queued.
        }
    }

    private void CancelAllInvocations()
    {
        CancellationTokenSource[] sources;
        lock (_invocations)
        {
            sources = [.. _invocations.Values];
        }

        foreach (CancellationTokenSource source in sources)
        {
            _main.Dispatcher.Enqueue(new CancelOnDispatcher(source));
        }
    }

    /// <summary>
    /// A call whose header failed to decode (a channel name that is not UTF-8, say) still has a readable kind
    /// and id: answer it with the error, so its caller does not wait for a reply that cannot come.
    /// </summary>
    private void AnswerUndecodableCall(ReadOnlySpan<byte> bytes, InvalidDataException error)
    {
        if (bytes.Length >= 9 && (MessageKind)bytes[0] is MessageKind.SendSync or MessageKind.Invoke)
        {
            Outbox.SendErrorReply(BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(1)), "", error);
        }
    }

    private void ReportMalformed(string? channel, InvalidDataException error) =>
        _main.RaiseErrorOnDispatcher(new IpcErrorEventArgs(new IpcException($"A malformed frame from {Sender} was dropped: {error.Message}", error) { Channel = channel }, channel, Sender));

    private sealed class CancelOnDispatcher(CancellationTokenSource source) : Dispatch.IDispatchItem
    {
        public void Run()
        {
            try
            {
                source.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
