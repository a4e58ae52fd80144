using System.Diagnostics;
using Ipc.Dispatch;

namespace Ipc.Connection;

/// <summary>
/// The invocations the other end sent that run at this end, by id, so that a Cancel frame, or the
/// connection's end, can cancel their handler's token. Cancellation callbacks run on the endpoint's
/// dispatcher, like the handlers themselves.
/// </summary>
[DebuggerDisplay("Running = {_running.Count}")]
internal sealed class RunningInvocations(SerialDispatcher dispatcher)
{
    private readonly Dictionary<long, CancellationTokenSource> _running = new();
    private bool _closed;

    /// <summary>Registers invocation <paramref name="id"/>; its token is cancelled at once when the connection has already ended.</summary>
    public CancellationTokenSource Begin(long id)
    {
        var source = new CancellationTokenSource();
        bool closed;
        lock (_running)
        {
            closed = _closed;
            if (!closed)
            {
                _running[id] = source;
            }
        }

        if (closed)
        {
            source.Cancel();
        }

        return source;
    }

    /// <summary>How many invocations are running.</summary>
    public int Count
    {
        get
        {
            lock (_running)
            {
                return _running.Count;
            }
        }
    }

    public void End(long id, CancellationTokenSource source)
    {
        lock (_running)
        {
            if (_running.TryGetValue(id, out CancellationTokenSource? current) && current == source)
            {
                _running.Remove(id);
            }
        }

        source.Dispose();
    }

    /// <summary>Cancels invocation <paramref name="id"/>; runs on the dispatcher, so the handler's cancellation callbacks do too.</summary>
    public void Cancel(long id)
    {
        CancellationTokenSource? source;
        lock (_running)
        {
            _running.TryGetValue(id, out source);
        }

        CancelQuietly(source);
    }

    /// <summary>The connection ended: every running handler's token is cancelled, on the dispatcher.</summary>
    public void CancelAll()
    {
        CancellationTokenSource[] sources;
        lock (_running)
        {
            _closed = true;
            sources = [.. _running.Values];
        }

        foreach (CancellationTokenSource source in sources)
        {
            dispatcher.Enqueue(new CancelItem(source));
        }
    }

    private static void CancelQuietly(CancellationTokenSource? source)
    {
        try
        {
            source?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The invocation finished while the cancellation was on its way.
        }
    }

    private sealed class CancelItem(CancellationTokenSource source) : IDispatchItem
    {
        public void Run() => CancelQuietly(source);
    }
}
