using Ipc.Connection;
using Ipc.Dispatch;
using Ipc.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Ipc.Runtime.Tests.Core;

/// <summary>An endpoint for a lone <see cref="Peer"/>: it records what the peer hands it and answers as the test says.</summary>
internal sealed class RecordingEndpoint : IPeerEndpoint
{
    private readonly List<string> _events = [];
    private readonly List<IpcErrorEventArgs> _errors = [];

    public RecordingEndpoint() => Dispatcher = new SerialDispatcher(null, e => ReportError(new IpcErrorEventArgs(e, null, null)));

    public SerialDispatcher Dispatcher { get; }

    public bool IsDisposed { get; set; }

    public bool IsDispatcherBlockedInSendSync { get; set; }

    public bool ReportsHandlerExceptions { get; set; } = true;

    /// <summary>Answers <see cref="StartHandler"/>; null (no handler) unless set.</summary>
    public Func<string, IpcArgs, CancellationToken, Task<object?>?> Handler { get; set; } = (_, _, _) => null;

    /// <summary>Runs for each sync message; leaves the slot open unless set.</summary>
    public Action<ReplySlot, string, IpcArgs> SyncListener { get; set; } = (_, _, _) => { };

    /// <summary>Runs for each fire-and-forget message.</summary>
    public Action<string, IpcArgs> Listener { get; set; } = (_, _) => { };

    public int ClosedCalls;

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyList<IpcErrorEventArgs> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public Exception? OnMessage(Peer peer, string channel, IpcArgs args)
    {
        Record($"message {channel}");
        Listener(channel, args);
        return null;
    }

    public void OnSyncMessage(Peer peer, ReplySlot reply, string channel, IpcArgs args)
    {
        Record($"sync {channel}");
        SyncListener(reply, channel, args);
    }

    public Task<object?>? StartHandler(Peer peer, string channel, IpcArgs args, CancellationToken cancellationToken)
    {
        Record($"invoke {channel}");
        return Handler(channel, args, cancellationToken);
    }

    public void ReportError(IpcErrorEventArgs args)
    {
        lock (_errors)
        {
            _errors.Add(args);
        }
    }

    public void OnPeerClosed(Peer peer, Exception? error)
    {
        Interlocked.Increment(ref ClosedCalls);
        Record("closed");
    }

    /// <summary>Returns once the dispatcher has run everything queued before this call.</summary>
    public void Drain() => Run(() => { });

    /// <summary>Runs <paramref name="action"/> on the dispatcher, after everything queued before it, and waits for it.</summary>
    public void Run(Action action)
    {
        using var ran = new ManualResetEventSlim();
        Dispatcher.Enqueue(new ActionItem(() =>
        {
            try
            {
                action();
            }
            finally
            {
                ran.Set();
            }
        }));
        Assert.True(ran.Wait(Rig.Patience), "the dispatcher never ran the action");
    }

    private void Record(string what)
    {
        lock (_events)
        {
            _events.Add(what);
        }
    }
}
