using System.Diagnostics;
using System.IO.Pipes;
using System.Net.Sockets;
using Ipc.Connection;
using Ipc.Dispatch;

namespace Ipc.Transport;

/// <summary>
/// A connection over an OS byte stream (a Unix domain socket or a named pipe). A dedicated thread reads:
/// <see cref="FrameReader"/> checks each announced length against the maximum before allocating, then the
/// whole frame goes to the receiver. A renderer's receiver only decodes and queues, so a blocking listener
/// never stalls the replies to its calls; main's may run a call on this thread when main's loop is idle, and
/// if that call takes long (<see cref="ReaderTakeoverDelay"/>), a new thread takes over the reading, so a
/// renderer's death or its next frames are still seen at once. On a renderer's Unix socket, SendSync callers read
/// their own replies when nobody else reads (<see cref="CallerReadSocket"/>), and the reading thread is their standby.
/// </summary>
/// <remarks>
/// Reading is owned by one thread at a time, through a <see cref="ReadTurn"/>: a takeover retires the current
/// turn (its thread stops reading once its inline work returns) and starts a thread with a new one. Only a
/// turn in the <see cref="ReadTurn.Inline"/> state can be taken over, so two threads never read at once.
/// </remarks>
[DebuggerDisplay("StreamConnection to process {RemoteProcessId}, Connected = {IsConnected}")]
internal sealed class StreamConnection : IpcConnection
{
    /// <summary>How long a call may run on the reading thread before another thread takes over the reading.</summary>
    internal static readonly TimeSpan ReaderTakeoverDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>The largest frame written on the caller's thread, when the socket's buffer allows it.</summary>
    private const int MaxDirectWrite = 128 * 1024;

    private readonly Stream _stream;
    private readonly Socket? _socket;
    private readonly int _directWriteLimit;
    private readonly FrameReader _frames;
    private readonly CallerReadSocket? _callerReads;
    private IFrameReceiver? _receiver;
    private ReadTurn _turn = new();
    private Timer? _takeoverTimer;
    private int _closed;
    private int _closeReported;
    private Exception? _closeError;

    /// <inheritdoc/>
    public override string NetworkTransport => _stream switch
    {
        Web.WebSocketTransportStream => "tcp",
        _ => _socket is null ? "pipe" : "unix",
    };

    /// <inheritdoc/>
    public override string? RemoteOrigin => (_stream as Web.WebSocketTransportStream)?.Origin;

    /// <param name="stream">The connected stream, after the handshake.</param>
    /// <param name="maxMessageSize">The largest frame accepted from the peer.</param>
    /// <param name="remoteProcessId">The peer's process id, as the OS reports it (0 when unknown).</param>
    /// <param name="incompleteFrameTimeout">How long the peer may leave a frame unfinished (see <see cref="FrameReader"/>).</param>
    /// <param name="callersMayRead">A renderer's end: over a socket, a SendSync caller reads its own reply when nobody else reads.</param>
    public StreamConnection(Stream stream, int maxMessageSize, int remoteProcessId, TimeSpan incompleteFrameTimeout, bool callersMayRead = false)
    {
        _stream = stream;
        _frames = new FrameReader(stream, maxMessageSize, incompleteFrameTimeout, Close);
        RemoteProcessId = remoteProcessId;
        if (stream is NetworkStream { Socket: var socket })
        {
            _socket = socket;

            // Linux reports a Unix socket writable while at most a quarter of its send buffer is in use, so a
            // frame up to a quarter of the buffer fits without blocking once Poll says writable. A larger buffer
            // (as far as the OS allows) lets a 64 KiB message go straight out instead of through the writer thread.
            TryEnlargeSendBuffer(socket);
            _directWriteLimit = Math.Min(MaxDirectWrite, socket.SendBufferSize / 4);
            if (callersMayRead)
            {
                _callerReads = new CallerReadSocket(socket, _frames);
            }
        }
    }

    public override int RemoteProcessId { get; }

    private static void TryEnlargeSendBuffer(Socket socket)
    {
        try
        {
            if (socket.SendBufferSize < 4 * MaxDirectWrite)
            {
                socket.SendBufferSize = 4 * MaxDirectWrite; // the OS caps it (Linux: net.core.wmem_max), and that is fine
            }
        }
        catch (SocketException)
        {
            // Kept as it is: frames above a quarter of it go through the writer thread.
        }
    }

    public override bool IsConnected => Volatile.Read(ref _closed) == 0;

    /// <summary>While the receiver waits or runs a listener, nothing is read: the peer's writes wait once the OS buffers are full.</summary>
    public override bool HasReadingThread => true;

    public override void Start(IFrameReceiver receiver)
    {
        _receiver = receiver;
        StartReader(_turn);
    }

    public override void Write(ReadOnlySpan<byte> framed)
    {
        if (!IsConnected)
        {
            throw new IpcDisconnectedException("The connection is closed.");
        }

        _stream.Write(framed); // one system call per frame: the prefix is already in front of it
        _stream.Flush();
    }

    /// <summary>Without a socket to poll (a named pipe) nothing is known, so every frame goes through the writer thread.</summary>
    public override bool CanWriteWithoutBlocking(int framedLength) =>
        _socket is not null && framedLength <= _directWriteLimit && _socket.Poll(0, SelectMode.SelectWrite);

    public override bool ReadUntilReplied(Task reply, Deadline deadline)
    {
        if (_callerReads is null || _receiver is null || !IsConnected)
        {
            return false; // not delivering yet (a renderer's configure callback runs first), or closed
        }

        Exception? error = null;
        try
        {
            if (!_callerReads.TryLead(_receiver!, reply, deadline, out bool ended))
            {
                return false;
            }

            if (!ended)
            {
                return true;
            }
        }
        catch (Exception e) when (IsPeerGone(e))
        {
            // Main is gone, or this end was disposed: the ordinary end of the connection.
        }
        catch (Exception e)
        {
            error = e;
        }

        Close(error); // fails every pending call at once, this caller's too
        return true;
    }

    public override void OnReplyAwaited() => _callerReads?.OnReplyAwaited();

    public override object? BeginInlineWork()
    {
        ReadTurn turn = _turn;
        Volatile.Write(ref turn.State, ReadTurn.Inline);
        (_takeoverTimer ??= new Timer(static state => ((StreamConnection)state!).TakeOverReading(), this, Timeout.Infinite, Timeout.Infinite))
            .Change(ReaderTakeoverDelay, Timeout.InfiniteTimeSpan);
        return turn;
    }

    public override void EndInlineWork(object? token)
    {
        _takeoverTimer?.Change(Timeout.Infinite, Timeout.Infinite);
        var turn = (ReadTurn)token!;
        Interlocked.CompareExchange(ref turn.State, ReadTurn.Reading, ReadTurn.Inline); // fails when taken over: the loop then retires
    }

    public override void Close(Exception? error)
    {
        if (error is not null)
        {
            // Kept before the stream is disposed: the reading thread, woken by that, must report this error, not its own end.
            Interlocked.CompareExchange(ref _closeError, error, null);
        }

        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            // Disposing the stream ends a blocked read or write and sends EOF to the other end.
            _callerReads?.Close(); // before the stream: a standby woken by that must find the reading side closed
            _stream.Dispose();
            _takeoverTimer?.Dispose();
        }

        if (_receiver is not null && Interlocked.Exchange(ref _closeReported, 1) == 0)
        {
            _receiver.OnClosed(Volatile.Read(ref _closeError));
        }
    }

    /// <summary>The inline work outlasted <see cref="ReaderTakeoverDelay"/>: a new thread reads from here on.</summary>
    private void TakeOverReading()
    {
        ReadTurn turn = _turn;
        if (!IsConnected || Interlocked.CompareExchange(ref turn.State, ReadTurn.Retired, ReadTurn.Inline) != ReadTurn.Inline)
        {
            return; // the inline work ended meanwhile
        }

        Debug.Assert(turn.State == ReadTurn.Retired, "Only a retired turn hands the reading over.");
        var next = new ReadTurn();
        _turn = next;
        StartReader(next);
    }

    private void StartReader(ReadTurn turn) =>
        OwnedThreads.Start(_receiver!.ThreadOwner, $"IpcGen reader (process {RemoteProcessId})", static state => ((ReadLoopStart)state!).Run(), new ReadLoopStart(this, turn));

    private void ReadLoop(ReadTurn turn)
    {
        Exception? error = null;
        try
        {
            if (_callerReads is not null)
            {
                _callerReads.RunStandby(_receiver!); // reads while no SendSync caller does
            }
            else if (!ReadAlone(turn))
            {
                return; // another thread reads now
            }
        }
        catch (Exception e) when (IsPeerGone(e))
        {
            // A killed peer or our own Dispose: an ordinary end of the connection, not an error.
        }
        catch (Exception e)
        {
            error = e;
        }

        Close(error);
    }

    /// <summary>Reads every frame until the end of the stream (true), or until the turn is retired by a takeover (false).</summary>
    private bool ReadAlone(ReadTurn turn)
    {
        while (IsConnected && _frames.TryReadFrame(_receiver!, out ReceivedFrame frame))
        {
            _receiver!.OnFrame(frame); // the receiver owns the frame from here on
            if (Volatile.Read(ref turn.State) == ReadTurn.Retired)
            {
                return false;
            }
        }

        return true;
    }

    private bool IsPeerGone(Exception e) =>
        !IsConnected ||
        e is ObjectDisposedException ||
        (e is IOException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted or SocketError.OperationAborted } }) ||
        (e is IOException && _stream is PipeStream { IsConnected: false });

    /// <summary>One thread's ownership of the reading side.</summary>
    private sealed class ReadTurn
    {
        public const int Reading = 0;
        public const int Inline = 1;
        public const int Retired = 2;

        public int State;
    }

    private sealed class ReadLoopStart(StreamConnection connection, ReadTurn turn)
    {
        public void Run() => connection.ReadLoop(turn);
    }
}
