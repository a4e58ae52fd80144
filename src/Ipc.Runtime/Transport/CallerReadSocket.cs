using System.Diagnostics;
using System.Net.Sockets;
using Ipc.Connection;

namespace Ipc.Transport;

/// <summary>
/// A renderer's socket whose SendSync callers read their own replies (leader/follower). A caller that finds nobody
/// reading leads: it reads frames itself until its reply is in, handing every other frame to the receiver as the
/// reading thread would (main's messages are queued for the dispatcher, other callers' replies complete them), then
/// gives reading back. Callers that find someone reading follow: they wait, and whoever reads completes them. The
/// connection's own thread is the standby: it reads whatever arrives while no caller leads — main's messages, main's
/// departure, the replies of followers after their leader left — waiting in poll, owning nothing, while callers call.
/// </summary>
/// <remarks>
/// This saves a thread wake-up per round trip: the reply wakes the caller itself, not a reading thread that then
/// wakes the caller. Who owns the reading side at each instant is <see cref="ReadSide"/>'s rule. Leaders wait with
/// poll, so a leader whose deadline passes leaves on time; a frame that main has begun to write is read to its end.
/// </remarks>
[DebuggerDisplay("CallerReadSocket: {_side}")]
internal sealed class CallerReadSocket(Socket socket, FrameReader frames)
{
    /// <summary>How many wakes in a row for bytes no caller came near send the standby back to blocking reads.</summary>
    internal const int QuietWakesBeforeBlocking = 3;

    private readonly ReadSide _side = new();

    /// <summary>
    /// Reads as the leader while <paramref name="reply"/> is pending, if nobody else reads; false (nothing read) when
    /// someone does, and the caller follows. Returns when the reply is in, the deadline passed or the connection ended
    /// (<paramref name="ended"/>: end of stream; an exception: the connection broke).
    /// </summary>
    public bool TryLead(IFrameReceiver receiver, Task reply, Deadline deadline, out bool ended)
    {
        ended = false;
        if (!_side.TryLead())
        {
            return false;
        }

        try
        {
            while (!reply.IsCompleted && !_side.IsClosed)
            {
                if (!frames.HasWholeFrame && !WaitForBytes(deadline))
                {
                    break; // the deadline passed: the caller leaves, with its call expired
                }

                if (!ReadOne(receiver))
                {
                    ended = true;
                    return true;
                }
            }

            // The standby watches the socket, not this buffer: no whole frame may stay behind in it.
            while (frames.HasWholeFrame && !_side.IsClosed)
            {
                ReadOne(receiver);
            }
        }
        finally
        {
            bool standbyParked = _side.Release(ReadSide.Caller);
            if (standbyParked && receiver.HasPendingCalls)
            {
                _side.WakeStandby(); // followers wait for a reader; otherwise a parked standby looks again within ReadSide.ParkLimit
            }
        }

        return true;
    }

    /// <summary>
    /// The connection's reading thread: reads what arrives while no caller leads. Returns at end of stream or once
    /// closed; throws when the connection broke.
    /// </summary>
    /// <remarks>
    /// It blocks in its reads, as a reading thread alone would, until a SendSync caller has had to follow it; from then
    /// on it waits in poll, owning nothing, so that callers lead; after <see cref="QuietWakesBeforeBlocking"/> wakes in a
    /// row for bytes no caller came near (main's messages and invocations), it blocks in its reads again. Waiting in
    /// poll costs a system call per wake, which showed in main's invocations of a renderer that makes no calls.
    /// </remarks>
    public void RunStandby(IFrameReceiver receiver)
    {
        bool blocking = true;
        int quietWakes = 0;
        while (!_side.IsClosed)
        {
            long mark = -1;
            if (!blocking)
            {
                mark = _side.MarkBeforeWaiting();
                socket.Poll(-1, SelectMode.SelectRead); // readable at end of stream and on errors too
            }

            if (!_side.TryRead(mark, out bool untouched))
            {
                quietWakes = 0;
                _side.ParkWhileCallerLeads(); // a leader reads these bytes
                continue;
            }

            try
            {
                // A leader may have taken the bytes since the poll: reading then would block while owning the reading side.
                if (!blocking && !untouched && !frames.HasBuffered && !socket.Poll(0, SelectMode.SelectRead))
                {
                    continue;
                }

                do
                {
                    if (!ReadOne(receiver))
                    {
                        return;
                    }
                }
                while (frames.HasBuffered && !_side.IsClosed); // a partial frame's rest is owed: read on
            }
            finally
            {
                _side.Release(ReadSide.Reader);
            }

            if (_side.TakeCallerFollowedReader())
            {
                (blocking, quietWakes) = (false, 0); // a caller waited for this thread: let callers lead from now on
            }
            else if (!blocking && untouched && ++quietWakes >= QuietWakesBeforeBlocking)
            {
                blocking = true;
            }
        }
    }

    /// <summary>A call's reply is awaited without its caller reading (an invocation): makes sure someone reads.</summary>
    public void OnReplyAwaited() => _side.WakeStandbyIfNobodyReads();

    /// <summary>Ends the reading side; a parked standby wakes and ends.</summary>
    public void Close() => _side.Close();

    /// <summary>Reads and delivers one frame; false at a clean end of stream.</summary>
    private bool ReadOne(IFrameReceiver receiver)
    {
        if (!frames.TryReadFrame(receiver, out ReceivedFrame frame))
        {
            return false;
        }

        receiver.OnFrame(frame); // the receiver owns the frame from here on
        return true;
    }

    /// <summary>Waits until bytes (or the end of the stream) arrive; false when <paramref name="deadline"/> passed first.</summary>
    private bool WaitForBytes(Deadline deadline)
    {
        while (true)
        {
            long micros = deadline.IsInfinite ? -1 : Math.Min(int.MaxValue, (long)deadline.Remaining.TotalMicroseconds);
            if (socket.Poll((int)micros, SelectMode.SelectRead))
            {
                return true;
            }

            if (deadline.HasPassed || micros == 0)
            {
                return false;
            }
        }
    }
}
