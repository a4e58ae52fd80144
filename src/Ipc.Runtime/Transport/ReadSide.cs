using System.Diagnostics;

namespace Ipc.Transport;

/// <summary>
/// Who owns a renderer socket's reading side — its <see cref="FrameReader"/> and the right to call the receiver —
/// when SendSync callers may read their own replies (<see cref="CallerReadSocket"/>). Exactly one thread owns it at a
/// time, so frames are cut and delivered in the order they arrived whoever reads them.
/// </summary>
/// <remarks>
/// <para>States: <see cref="Free"/> (nobody reads; the connection's reading thread, the standby, may wait in poll for
/// bytes without owning anything), <see cref="Reader"/> (the standby reads, or blocks in a read), <see cref="Caller"/> (a
/// SendSync caller, the leader, reads until its reply is in), <see cref="Closed"/> (for good). Only Free can be taken; the owner
/// gives it back to Free; <see cref="Close"/> ends it from any state.</para>
/// <para>The standby wakes for the bytes a leader is about to read, and then parks. A leader that leaves does not wake it
/// (that wake-up on every call is what this design saves) unless other calls wait for a reader; a parked standby looks
/// again after <see cref="ParkLimit"/> at the latest, so main's messages and main's departure are seen that soon even if
/// no caller ever comes back. An invocation started after a leader left wakes it at once (<see cref="WakeStandbyIfNobodyReads"/>).</para>
/// </remarks>
[DebuggerDisplay("{StateName}, LeadsTaken = {_leadsTaken}, StandbyParked = {_standbyParked}")]
internal sealed class ReadSide
{
    public const int Free = 0;
    public const int Reader = 1;
    public const int Caller = 2;
    public const int Closed = 3;

    /// <summary>The longest a parked standby waits before it looks at the socket again.</summary>
    internal static readonly TimeSpan ParkLimit = TimeSpan.FromMilliseconds(1);

    private readonly object _gate = new();
    private int _state;
    private long _leadsTaken;
    private bool _standbyParked;
    private bool _callerFollowedReader;

    private string StateName => _state switch { Free => "Free", Reader => "Reader", Caller => "Caller", _ => "Closed" };

    public bool IsClosed
    {
        get
        {
            lock (_gate)
            {
                return _state == Closed;
            }
        }
    }

    /// <summary>A caller takes the reading side; false when someone reads already (the caller follows) or it is closed.</summary>
    public bool TryLead()
    {
        lock (_gate)
        {
            if (_state != Free)
            {
                _callerFollowedReader |= _state == Reader;
                return false;
            }

            _state = Caller;
            _leadsTaken++;
            return true;
        }
    }

    /// <summary>
    /// Before the standby waits for bytes: a mark for <see cref="TryRead"/>, or -1 when someone owns the reading side now
    /// (and may consume the bytes the standby is about to see).
    /// </summary>
    public long MarkBeforeWaiting()
    {
        lock (_gate)
        {
            return _state == Free ? _leadsTaken : -1;
        }
    }

    /// <summary>
    /// The standby takes the reading side; false when a caller leads (or it is closed). <paramref name="untouched"/> is true
    /// when nobody has owned it since <paramref name="mark"/>: then the bytes the standby saw arrive are still unread.
    /// </summary>
    public bool TryRead(long mark, out bool untouched)
    {
        lock (_gate)
        {
            untouched = mark >= 0 && mark == _leadsTaken;
            if (_state != Free)
            {
                return false;
            }

            _state = Reader;
            return true;
        }
    }

    /// <summary>True once after a caller found the standby reading and followed it (the standby then stops blocking in reads).</summary>
    public bool TakeCallerFollowedReader()
    {
        lock (_gate)
        {
            bool followed = _callerFollowedReader;
            _callerFollowedReader = false;
            return followed;
        }
    }

    /// <summary>The owner gives the reading side back. A closed one stays closed.</summary>
    /// <returns>True when the standby is parked: a leader then decides whether it must be woken (<see cref="WakeStandby"/>).</returns>
    public bool Release(int owner)
    {
        Debug.Assert(owner is Reader or Caller, "Only the standby or a leading caller owns the reading side.");
        lock (_gate)
        {
            Debug.Assert(_state == owner || _state == Closed, $"Only the owner gives the reading side back (owner {owner}, state {StateName}).");
            if (_state == owner)
            {
                _state = Free;
            }

            return _standbyParked;
        }
    }

    /// <summary>Wakes a parked standby: after a leader left while other calls still wait for a reader.</summary>
    public void WakeStandby()
    {
        lock (_gate)
        {
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>
    /// An invocation's reply is awaited: a standby parked after a leader that has left must read it. While a caller
    /// still leads, that leader reads it, and wakes the standby when it leaves with the invocation still pending.
    /// </summary>
    public void WakeStandbyIfNobodyReads()
    {
        lock (_gate)
        {
            if (_standbyParked && _state == Free)
            {
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>The standby, woken for bytes a leader reads, waits until that leader leaves and wakes it, or <see cref="ParkLimit"/>.</summary>
    public void ParkWhileCallerLeads()
    {
        lock (_gate)
        {
            if (_state != Caller)
            {
                return;
            }

            _standbyParked = true;
            Monitor.Wait(_gate, ParkLimit);
            _standbyParked = false;
        }
    }

    /// <summary>Ends the reading side for good and wakes a parked standby, so that its thread ends.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _state = Closed;
            Monitor.PulseAll(_gate);
        }
    }
}
