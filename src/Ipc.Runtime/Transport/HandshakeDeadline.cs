namespace Ipc.Transport;

/// <summary>
/// Bounds a blocking handshake: when the time runs out or the token is cancelled first, it closes the
/// stream, which is the one way to end a blocked read on every platform.
/// </summary>
internal sealed class HandshakeDeadline : IDisposable
{
    private const int Pending = 0;
    private const int Completed = 1;
    private const int Expired = 2;

    private readonly Stream _stream;
    private readonly Timer _timer;
    private readonly CancellationTokenRegistration _cancellation;
    private int _state;

    public HandshakeDeadline(Stream stream, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _stream = stream;
        _timer = new Timer(static state => ((HandshakeDeadline)state!).Expire(), this, timeout, Timeout.InfiniteTimeSpan);
        _cancellation = cancellationToken.UnsafeRegister(static state => ((HandshakeDeadline)state!).Expire(), this);
    }

    /// <summary>True if the deadline closed the stream: a read that failed, failed because of it.</summary>
    public bool HasExpired => Volatile.Read(ref _state) == Expired;

    /// <summary>Ends the deadline; false if it expired first, in which case the stream is closed.</summary>
    public bool TryComplete() => Interlocked.CompareExchange(ref _state, Completed, Pending) != Expired;

    public void Dispose()
    {
        TryComplete();
        _timer.Dispose();
        _cancellation.Dispose();
    }

    private void Expire()
    {
        if (Interlocked.CompareExchange(ref _state, Expired, Pending) == Pending)
        {
            _stream.Dispose();
        }
    }
}
