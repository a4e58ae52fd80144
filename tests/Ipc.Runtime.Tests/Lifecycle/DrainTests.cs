using Ipc.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Ipc.Runtime.Tests.Lifecycle;

/// <summary>
/// DisposeAsync drains before it closes: what an end already sent is written, what it received runs, running
/// handlers finish and answer, all within IpcOptions.DrainTimeout; what is left then is abandoned with a reason.
/// </summary>
public sealed class DrainTests
{
    private const int Messages = 300;
    private static readonly string Payload = new('x', 20_000);

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MainsDisposeAsyncWritesEveryMessageItAlreadySent(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int received = 0;
        rig.Renderer.On("bulk", (_, _) => Interlocked.Increment(ref received));
        IpcSender sender = rig.SenderOf(rig.Renderer);

        for (int i = 0; i < Messages; i++)
        {
            sender.Send("bulk", Payload);
        }

        await rig.Main.DisposeAsync();

        await Waiting.UntilAsync(() => Volatile.Read(ref received) == Messages);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARenderersDisposeAsyncWritesEveryMessageItAlreadySentAndMainRunsThem(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int received = 0;
        rig.Main.On("bulk", (_, _) => Interlocked.Increment(ref received));

        for (int i = 0; i < Messages; i++)
        {
            rig.Renderer.Send("bulk", Payload);
        }

        await rig.Renderer.DisposeAsync();

        await Waiting.UntilAsync(() => Volatile.Read(ref received) == Messages);
        Assert.False(rig.Renderer.IsConnected);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerRunningWhenMainDisposesFinishesAndItsCallerGetsTheAnswer(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle("work", async (_, _) =>
        {
            started.SetResult();
            await release.Task;
            return "done";
        });
        Task<string?> call = rig.Renderer.InvokeAsync<string>("work");
        await started.Task.Bounded();

        Task disposing = rig.Main.DisposeAsync().AsTask();
        Assert.Throws<ObjectDisposedException>(() => rig.Main.ConnectInProcess()); // no new renderer while it drains
        release.SetResult();

        Assert.Equal("done", await call.Bounded());
        await disposing.Bounded();
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerStillRunningAtTheDrainTimeoutIsAbandonedWithItsReasonLogged(TransportKind transport)
    {
        var log = new RecordingLogger();
        using var rig = new Rig(transport, new IpcMainOptions { DrainTimeout = TimeSpan.FromMilliseconds(200), Logger = log });
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle("stuck", async (e, _) =>
        {
            e.CancellationToken.Register(() => cancelled.TrySetResult());
            started.SetResult();
            await Task.Delay(Timeout.Infinite, e.CancellationToken);
            return null;
        });
        Task<object?> call = rig.Renderer.InvokeAsync<object>("stuck");
        await started.Task.Bounded();

        await rig.Main.DisposeAsync().AsTask().Bounded();

        await Assert.ThrowsAsync<IpcDisconnectedException>(() => call.Bounded());
        await cancelled.Task.Bounded();
        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("1 handler(s)") && e.Message.Contains("had not finished") && e.Message.Contains("DrainTimeout"));
    }

    [Fact]
    public async Task DisposeAsyncAgainOrAfterDisposeDoesNothing()
    {
        var main = new IpcMain();
        IpcRenderer renderer = main.ConnectInProcess();

        await renderer.DisposeAsync();
        await renderer.DisposeAsync();
        main.Dispose();
        await main.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => main.On("ch", (_, _) => { }));
        Assert.Throws<ObjectDisposedException>(() => renderer.Send("ch"));
    }

    [Fact]
    public void TheDrainTimeoutIsZeroOrMore()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), new IpcMainOptions().DrainTimeout);
        Assert.Equal(TimeSpan.Zero, new IpcRendererOptions { DrainTimeout = TimeSpan.Zero }.DrainTimeout);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcMainOptions { DrainTimeout = TimeSpan.FromMilliseconds(-1) });
    }
}
