using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// The <see cref="IPingPong"/> that main serves in <see cref="ServeOnMainTests"/>: it answers as the contract reads and
/// records, for each member, its arguments and the <see cref="IpcCallContext"/> it saw. The fields are written on
/// main's dispatcher and read after the call they describe has completed.
/// </summary>
internal sealed class ServedPingPong : IPingPong
{
    private static readonly TaskCreationOptions s_async = TaskCreationOptions.RunContinuationsAsynchronously;

    /// <summary>The argument and context of the first <see cref="AsynchronousMessage"/>.</summary>
    public TaskCompletionSource<(string Arg, IpcCallContext? Context)> Message { get; } = new(s_async);

    public IpcCallContext? SyncContext { get; private set; }

    /// <summary>What work that <see cref="SynchronousMessage"/> started and left running reads once <see cref="SyncCallEnded"/> is set.</summary>
    public Task<IpcCallContext?> SeenByWorkLeftRunning { get; private set; } = Task.FromResult<IpcCallContext?>(null);

    /// <summary>Set by the test once <see cref="SynchronousMessage"/>'s call has returned.</summary>
    public TaskCompletionSource SyncCallEnded { get; } = new(s_async);

    public IpcCallContext? AddContext { get; private set; }

    public IpcCallContext? AddContextAfterAwait { get; private set; }

    public CancellationToken AddToken { get; private set; }

    public IpcCallContext? WaitContext { get; private set; }

    public CancellationToken WaitToken { get; private set; }

    public TaskCompletionSource WaitStarted { get; } = new(s_async);

    public TaskCompletionSource WaitCancelled { get; } = new(s_async);

    public int Resets { get; private set; }

    public IpcCallContext? ResetContext { get; private set; }

    public void AsynchronousMessage(string arg) => Message.TrySetResult((arg, IpcCallContext.Current));

    public string SynchronousMessage(string arg)
    {
        SyncContext = IpcCallContext.Current;
        SeenByWorkLeftRunning = Task.Run(async () =>
        {
            await SyncCallEnded.Task.ConfigureAwait(false);
            return IpcCallContext.Current;
        });
        return arg + "-pong";
    }

    public async Task<int> Add(int a, int b, CancellationToken ct = default)
    {
        AddContext = IpcCallContext.Current;
        AddToken = ct;
        await Task.Yield();
        AddContextAfterAwait = IpcCallContext.Current;
        return a + b;
    }

    public async Task<string> WaitForever(string label, CancellationToken ct)
    {
        WaitContext = IpcCallContext.Current;
        WaitToken = ct;
        ct.Register(() => WaitCancelled.TrySetResult());
        WaitStarted.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
        return label;
    }

    public ValueTask Reset()
    {
        Resets++;
        ResetContext = IpcCallContext.Current;
        return ValueTask.CompletedTask;
    }
}
