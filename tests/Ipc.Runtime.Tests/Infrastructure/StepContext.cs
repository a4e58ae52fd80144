namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>
/// An application <see cref="SynchronizationContext"/> that only keeps what is posted to it and runs it when told,
/// on the calling thread, with itself as the current context, like a UI loop the test turns by hand.
/// </summary>
internal sealed class StepContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _posted = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_posted)
        {
            _posted.Enqueue((d, state));
        }
    }

    /// <summary>Runs the oldest posted callback; false when none is waiting.</summary>
    public bool RunNext()
    {
        (SendOrPostCallback Callback, object? State) next;
        lock (_posted)
        {
            if (!_posted.TryDequeue(out next))
            {
                return false;
            }
        }

        SynchronizationContext? outer = Current;
        SetSynchronizationContext(this);
        try
        {
            next.Callback(next.State);
        }
        finally
        {
            SetSynchronizationContext(outer);
        }

        return true;
    }

    /// <summary>Runs posted callbacks, including those they post, until none is waiting.</summary>
    public void RunAll()
    {
        while (RunNext())
        {
        }
    }
}
