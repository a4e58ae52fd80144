using Ipc.Generators.Tests.Contracts;

namespace Ipc.Generators.Tests.Serving;

/// <summary>
/// The <see cref="IPingPongReplies"/> that a renderer serves in <see cref="ServeOnRendererTests"/>: it answers main as
/// the contract reads and records the <see cref="IpcCallContext"/> each member saw. The fields are written on the
/// renderer's dispatcher and read after the call they describe has completed.
/// </summary>
internal sealed class ServedPingPongReplies : IPingPongReplies
{
    private static readonly TaskCreationOptions s_async = TaskCreationOptions.RunContinuationsAsynchronously;

    /// <summary>The argument and context of the first <see cref="AsynchronousReply"/>.</summary>
    public TaskCompletionSource<(string Arg, IpcCallContext? Context)> Reply { get; } = new(s_async);

    public IpcCallContext? StatusContext { get; private set; }

    public IpcCallContext? StatusContextAfterAwait { get; private set; }

    public CancellationToken StatusToken { get; private set; }

    public TaskCompletionSource HangStarted { get; } = new(s_async);

    public TaskCompletionSource HangCancelled { get; } = new(s_async);

    public IpcCallContext? HangContext { get; private set; }

    public CancellationToken HangToken { get; private set; }

    public int Refreshes { get; private set; }

    public void AsynchronousReply(string arg) => Reply.TrySetResult((arg, IpcCallContext.Current));

    public async Task<string> Status(string detail, CancellationToken ct = default)
    {
        StatusContext = IpcCallContext.Current;
        StatusToken = ct;
        await Task.Yield();
        StatusContextAfterAwait = IpcCallContext.Current;
        return StatusContext?.Channel + ":" + detail;
    }

    public async Task<string> Hang(CancellationToken ct)
    {
        HangContext = IpcCallContext.Current;
        HangToken = ct;
        ct.Register(() => HangCancelled.TrySetResult());
        HangStarted.TrySetResult();
        await Task.Delay(Timeout.Infinite, ct);
        return "never";
    }

    public ValueTask Refresh()
    {
        Refreshes++;
        return ValueTask.CompletedTask;
    }

    public async Task Fail(string message)
    {
        await Task.Yield();
        throw new InvalidOperationException(message);
    }
}
