using System.Diagnostics;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>
/// A call's timeout covers writing its message too, and a renderer's departure is seen even while one of its calls
/// runs on main's reading thread. Both need an OS transport: in-process writes never wait.
/// </summary>
public sealed class CallDeadlineTests
{
    public static TheoryData<TransportKind> OsTransports => new() { TransportKind.Socket, TransportKind.NamedPipe };

    [Theory, MemberData(nameof(OsTransports))]
    public async Task ASendSyncWhoseMessageCannotBeWrittenFailsWithinItsTimeoutAndSendsNothing(TransportKind transport)
    {
        using var release = new ManualResetEventSlim();
        using var rig = new Rig(transport, new IpcMainOptions { MaxUndispatchedBytesPerRenderer = 64 * 1024 }, new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromMilliseconds(300) });
        int pings = 0;
        rig.Main.On("block", (_, _) => release.Wait(Rig.Patience));
        rig.Main.On("ping", (e, _) =>
        {
            pings++;
            e.ReturnValue = "pong";
        });
        Task flood = StopMainReading(rig);

        var elapsed = Stopwatch.StartNew();
        Assert.Throws<IpcTimeoutException>(() => rig.Renderer.SendSync<string>("ping"));
        Assert.True(elapsed.Elapsed < Rig.Patience, "the call must not wait for the write beyond its timeout");

        release.Set();
        await flood.Bounded();
        Assert.Equal("pong", rig.Renderer.SendSync<string>("ping"));
        Assert.Equal(1, pings); // the timed-out call's message was never sent
    }

    [Theory, MemberData(nameof(OsTransports))]
    public async Task AnInvokeWhoseMessageCannotBeWrittenFailsWithinItsTimeout(TransportKind transport)
    {
        using var release = new ManualResetEventSlim();
        using var rig = new Rig(transport, new IpcMainOptions { MaxUndispatchedBytesPerRenderer = 64 * 1024 }, new IpcRendererOptions { InvokeTimeout = TimeSpan.FromMilliseconds(300) });
        rig.Main.On("block", (_, _) => release.Wait(Rig.Patience));
        rig.Main.Handle("add", (_, args) => Task.FromResult<object?>(args.Get<int>(0) + 1));
        Task flood = StopMainReading(rig);

        await Assert.ThrowsAsync<IpcTimeoutException>(() => Task.Run(() => rig.Renderer.InvokeAsync<int>("add", 1)).Bounded());

        release.Set();
        await flood.Bounded();
        Assert.Equal(3, await rig.Renderer.InvokeAsync<int>("add", 2).Bounded());
    }

    [Theory, MemberData(nameof(OsTransports))]
    public async Task ARendererLeavingWhileMainsSyncListenerForItRunsIsNoticedBeforeThatListenerReturns(TransportKind transport)
    {
        using var release = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { SendSyncTimeout = Timeout.InfiniteTimeSpan });
        rig.Main.On("hold", (e, _) =>
        {
            holding.SetResult();
            release.Wait(Rig.Patience);
            e.ReturnValue = "too late";
        });
        IpcSender renderer = rig.SenderOf(rig.Renderer);

        Task<Exception?> call = Task.Run<Exception?>(() => Record.Exception(() => rig.Renderer.SendSync<string>("hold")));
        await holding.Task.Bounded();
        rig.Renderer.Dispose();

        var patience = Stopwatch.StartNew();
        while (renderer.IsConnected || rig.Main.Renderers.Contains(renderer))
        {
            Assert.True(patience.Elapsed < Rig.Patience, "main must notice the departure while the listener still runs");
            await Task.Delay(10);
        }

        Assert.False(release.IsSet);
        release.Set();
        Assert.IsType<IpcDisconnectedException>(await call.Bounded());
    }

    /// <summary>
    /// Blocks main's dispatcher in a listener and fills everything between the two ends: past
    /// MaxUndispatchedBytesPerRenderer main stops reading, the socket's buffers fill, and a large Send blocks in its
    /// write. Returns that Send, which completes only once main reads again.
    /// </summary>
    private static Task StopMainReading(Rig rig)
    {
        rig.Renderer.Send("block");
        rig.Renderer.Send("fill", new string('x', 100 * 1024));
        Task flood = Task.Run(() => rig.Renderer.Send("fill", new string('y', 4 * 1024 * 1024)));

        // The flood must be inside its write before the test's call: a thread pool slow to start it (a busy
        // machine) would otherwise let the call's small frame go out first, and the rule would not be tested.
        Assert.True(SpinWait.SpinUntil(() => Core.Probes.IsWriting(rig.Renderer) || flood.IsCompleted, Rig.Patience), "the flood never started writing");
        Assert.False(flood.Wait(200), "a 4 MiB send cannot complete while main does not read");
        Assert.True(Core.Probes.IsWriting(rig.Renderer), "the flood's write must still be in progress");
        return flood;
    }
}
