using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// The <see cref="IPingPong"/> that <see cref="ServeWithActivatorOnMainTests"/> activates anew for each call: it answers
/// as the contract reads, fails on request (a message or sync call of <c>"fail"</c>, an <see cref="Add"/> of a negative
/// number), and records whether its lifetime was already disposed while it ran.
/// </summary>
internal sealed class ActivatedPingPong(RecordedLifetime lifetime) : IPingPong
{
    private static readonly TaskCreationOptions s_async = TaskCreationOptions.RunContinuationsAsynchronously;

    /// <summary>Set when a member runs: whether the lifetime had been disposed by then (it never should be).</summary>
    public bool? LifetimeDisposedDuringCall { get; private set; }

    public TaskCompletionSource<string> Message { get; } = new(s_async);

    public TaskCompletionSource WaitStarted { get; } = new(s_async);

    public void AsynchronousMessage(string arg)
    {
        Ran();
        Message.TrySetResult(arg);
        if (arg == "fail")
        {
            throw new InvalidOperationException("the message failed");
        }
    }

    public string SynchronousMessage(string arg)
    {
        Ran();
        return arg == "fail" ? throw new InvalidOperationException("the sync call failed") : arg + "-pong";
    }

    public async Task<int> Add(int a, int b, CancellationToken ct = default)
    {
        await Task.Yield();
        Ran(); // after an await: the call is still on, so is the lifetime
        return a < 0 ? throw new InvalidOperationException("the invocation failed") : a + b;
    }

    public async Task<string> WaitForever(string label, CancellationToken ct)
    {
        Ran();
        WaitStarted.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
        return label;
    }

    public ValueTask Reset()
    {
        Ran();
        return ValueTask.CompletedTask;
    }

    private void Ran() => LifetimeDisposedDuringCall = (LifetimeDisposedDuringCall ?? false) || lifetime.IsDisposed;
}
