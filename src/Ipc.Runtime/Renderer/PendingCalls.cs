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

    public void Forget(PendingCall call)
    {
        lock (_calls)
        {
            _calls.Remove(call.Id);
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
