namespace Ipc.Transport;

/// <summary>
/// Two connected ends in one process. A write copies the frame (without its length prefix) and hands it to
/// the other end's receiver on the writing thread, under a lock, so frames arrive whole and in order, as on
/// a socket. A write never blocks for long: receivers only decode and queue on the sender's thread.
/// </summary>
internal sealed class InProcessConnection : IpcConnection
{
    private readonly object _gate = new();
    private readonly Queue<ReadOnlyMemory<byte>> _early = new();
    private InProcessConnection _peer = null!;
    private IFrameReceiver? _receiver;
    private bool _closed;
    private bool _closeReported;

    private InProcessConnection()
    {
    }

    public override int RemoteProcessId => Environment.ProcessId;

    public override bool IsConnected => !Volatile.Read(ref _closed);

    public static (InProcessConnection Main, InProcessConnection Renderer) CreatePair()
    {
        var main = new InProcessConnection();
        var renderer = new InProcessConnection();
        main._peer = renderer;
        renderer._peer = main;
        return (main, renderer);
    }

    public override void Start(IFrameReceiver receiver)
    {
        lock (_gate)
        {
            _receiver = receiver;
            while (_early.TryDequeue(out ReadOnlyMemory<byte> frame))
            {
                receiver.Receiving(frame.Length, frame.Span); // never waits here: there is no reading thread to stop
                receiver.OnFrame(frame);
            }

            if (_closed)
            {
                ReportClosedLocked();
            }
        }
    }

    public override void Write(ReadOnlySpan<byte> framed)
    {
        if (!IsConnected)
        {
            throw new IpcDisconnectedException("The in-process connection is closed.");
        }

        _peer.Deliver(framed.Slice(Protocol.Framing.PrefixSize).ToArray());
    }

    public override bool CanWriteWithoutBlocking(int framedLength) => true;

    public override void Close(Exception? error)
    {
        CloseEnd();
        _peer.CloseEnd();
    }

    private void Deliver(ReadOnlyMemory<byte> frame)
    {
        lock (_gate)
        {
            if (_closed)
            {
                throw new IpcDisconnectedException("The in-process connection is closed.");
            }

            if (_receiver is null)
            {
                _early.Enqueue(frame);
            }
            else
            {
                _receiver.Receiving(frame.Length, frame.Span);
                _receiver.OnFrame(frame);
            }
        }
    }

    private void CloseEnd()
    {
        lock (_gate)
        {
            Volatile.Write(ref _closed, true);
            if (_receiver is not null)
            {
                ReportClosedLocked();
            }
        }
    }

    private void ReportClosedLocked()
    {
        if (_closeReported)
        {
            return;
        }

        _closeReported = true;
        _early.Clear();
        _receiver!.OnClosed(null);
    }
}
