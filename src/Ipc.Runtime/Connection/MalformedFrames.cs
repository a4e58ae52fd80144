using System.Diagnostics;
using Ipc.Dispatch;

namespace Ipc.Connection;

/// <summary>
/// What one connection's malformed frames may cost the endpoint: at most one report waits on the dispatcher at a
/// time (frames dropped meanwhile are counted into it, so a flood holds one report, not one per frame), and
/// <see cref="MaxInARow"/> malformed frames with no well-formed frame between them close the connection.
/// </summary>
/// <remarks>
/// Called from the connection's reading side, one frame at a time; the report runs on the dispatcher. Invariant,
/// under <see cref="_gate"/>: <see cref="_first"/> is set exactly while a report is queued.
/// </remarks>
[DebuggerDisplay("In a row = {_inARow}, waiting report = {_first != null}, counted into it = {_more}")]
internal sealed class MalformedFrames(Peer peer)
{
    /// <summary>Malformed frames in a row after which the connection is closed: no working peer sends even one.</summary>
    public const int MaxInARow = 1000;

    private readonly object _gate = new();
    private int _inARow;
    private (string? Channel, InvalidDataException Error)? _first;
    private int _more;

    /// <summary>A frame was well-formed: the run of malformed ones is over.</summary>
    public void OnWellFormed() => _inARow = 0;

    /// <summary>Reports a dropped frame; true when the connection sent too many in a row and must be closed.</summary>
    public bool OnMalformed(string? channel, InvalidDataException error)
    {
        bool queueReport;
        lock (_gate)
        {
            queueReport = _first is null;
            if (queueReport)
            {
                _first = (channel, error);
            }
            else
            {
                _more++;
            }
        }

        if (queueReport)
        {
            peer.Endpoint.Dispatcher.Enqueue(new Report(this));
        }

        return ++_inARow >= MaxInARow;
    }

    /// <summary>Why the connection is closed once <see cref="OnMalformed"/> returned true.</summary>
    public InvalidDataException TooMany() =>
        new($"{peer.Name} sent {MaxInARow} malformed frames in a row; the connection was closed.");

    private void Raise()
    {
        (string? Channel, InvalidDataException Error) first;
        int more;
        lock (_gate)
        {
            first = _first!.Value;
            more = _more;
            _first = null;
            _more = 0;
        }

        string message = $"A malformed frame from {peer.Name} was dropped: {first.Error.Message}";
        if (more > 0)
        {
            message += $" {more} more malformed frame(s) from {peer.Name} were dropped while this report waited.";
        }

        peer.Endpoint.ReportError(new IpcErrorEventArgs(new IpcException(message, first.Channel, first.Error), first.Channel, peer.Sender));
    }

    private sealed class Report(MalformedFrames frames) : IDispatchItem
    {
        public void Run() => frames.Raise();
    }
}
