using System.Diagnostics;

namespace Ipc.Transport;

/// <summary>
/// Times how long a reader has waited inside an unfinished frame without receiving any of it, and reports it once
/// that passes the timeout. One timer per connection, armed only while a frame is unfinished, so the common case
/// — whole frames already buffered — costs nothing.
/// </summary>
/// <remarks>Invariant, under <see cref="_gate"/>: the timer is armed exactly when <see cref="_armed"/> is true.</remarks>
[DebuggerDisplay("Inside a frame = {_inside}, timeout = {_timeout}")]
internal sealed class IncompleteFrameWatch
{
    private readonly TimeSpan _timeout;
    private readonly Action<Exception> _onIncomplete;
    private readonly object _gate = new();
    private Timer? _timer;
    private bool _armed;
    private bool _inside;
    private long _lastProgress;

    public IncompleteFrameWatch(TimeSpan timeout, Action<Exception> onIncomplete)
    {
        _timeout = timeout;
        _onIncomplete = onIncomplete;
    }

    /// <summary>The reader waits for the rest of a frame from here.</summary>
    public void Enter()
    {
        lock (_gate)
        {
            _inside = true;
            _lastProgress = Environment.TickCount64;
            if (!_armed)
            {
                _armed = true;
                (_timer ??= new Timer(static state => ((IncompleteFrameWatch)state!).Check(), this, Timeout.Infinite, Timeout.Infinite))
                    .Change(_timeout, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Some of the frame arrived: the clock starts again (read without the lock; a stale value only delays the check).</summary>
    public void Progress() => Volatile.Write(ref _lastProgress, Environment.TickCount64);

    /// <summary>The frame is complete, or the read ended: nothing is owed any more.</summary>
    public void Leave()
    {
        lock (_gate)
        {
            _inside = false;
        }
    }

    private void Check()
    {
        TimeSpan idle;
        lock (_gate)
        {
            if (!_inside)
            {
                _armed = false;
                return;
            }

            idle = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref _lastProgress));
            if (idle < _timeout)
            {
                _timer!.Change(_timeout - idle, Timeout.InfiniteTimeSpan); // progress came meanwhile: look again when it could be due
                return;
            }

            _armed = false;
            _timer!.Dispose();
            _timer = null;
        }

        _onIncomplete(new TimeoutException($"The peer left a frame unfinished for {_timeout.TotalSeconds:0.###} seconds without sending any more of it."));
    }
}
