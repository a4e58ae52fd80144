using Ipc.Protocol;

namespace Ipc.Renderer;

/// <summary>The renderer's calls that wait for a Reply frame, by id.</summary>
internal sealed class PendingCalls
{
    private readonly Dictionary<long, PendingCall> _calls = new();
    private long _lastId;
    private Exception? _closedBy;

    /// <summary>Registers a call; throws the disconnection error at once if the connection is already gone.</summary>
    public PendingCall Register(string channel)
    {
        lock (_calls)
        {
            if (_closedBy is not null)
            {
                throw new IpcDisconnectedException($"Cannot call '{channel}': the connection to the main process is closed.", _closedBy.InnerException) { Channel = channel };
            }

            var call = new PendingCall(++_lastId, channel);
            _calls.Add(call.Id, call);
            return call;
        }
    }

    /// <summary>
    /// Stops waiting for <paramref name="call"/> (its send failed, it timed out or it was cancelled) and ends its
    /// task as cancelled. A <see cref="Close"/> on another thread may have faulted the task first, between the
    /// call's registration and now; that fault is observed here, since nobody will await the task any more.
    /// </summary>
    public void Abandon(PendingCall call, CancellationToken cancellationToken = default)
    {
        lock (_calls)
        {
            _calls.Remove(call.Id);
        }

        if (!call.Completion.TrySetCanceled(cancellationToken))
        {
            _ = call.Completion.Task.Exception;
        }
    }

    public void Complete(Frame reply)
    {
        PendingCall? call;
        lock (_calls)
        {
            if (!_calls.Remove(reply.Id, out call))
            {
                return; // cancelled or timed out meanwhile
            }
        }

        call.Completion.TrySetResult(reply);
    }

    /// <summary>Fails every waiting call, and every later one, with <paramref name="error"/>.</summary>
    public void Close(IpcDisconnectedException error)
    {
        PendingCall[] calls;
        lock (_calls)
        {
            _closedBy ??= error;
            calls = [.. _calls.Values];
            _calls.Clear();
        }

        foreach (PendingCall call in calls)
        {
            call.Completion.TrySetException(new IpcDisconnectedException($"The connection to the main process closed before '{call.Channel}' was answered.", error.InnerException) { Channel = call.Channel });
        }
    }
}

/// <summary>One call waiting for its reply.</summary>
internal sealed class PendingCall(long id, string channel)
{
    public long Id { get; } = id;

    public string Channel { get; } = channel;

    public TaskCompletionSource<Frame> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
