using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// The heartbeat of a supervised renderer is answered on the renderer's dispatcher: a renderer whose dispatcher is
/// blocked, though its process runs, is reported unresponsive after UnresponsiveTimeout, then killed and restarted
/// (reason Hung), or, when it is not to be restarted, reported responsive once it answers again.
/// </summary>
public sealed class LivenessTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout15 = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task ARendererThatKeepsAnsweringIsNeverReportedUnresponsive()
    {
        await using var rig = HeartbeatRig(restartUnresponsive: true);
        IpcSender renderer = await rig.Supervised.StartAsync().Bounded();

        for (int beat = 0; beat < 10; beat++)
        {
            await rig.Clock.AdvanceTimerAsync(Interval, $"heartbeat {beat + 1}"); // the next interval is armed only once this one is answered
        }

        await rig.Clock.WaitForTimerAsync(Interval, "the heartbeat after the tenth");
        Assert.Same(renderer, rig.Supervised.Current);
        Assert.Equal((0, 0, 0, 0), await rig.UnreadEventsAsync());
    }

    [Fact]
    public async Task ARendererWhoseDispatcherIsBlockedIsReportedUnresponsiveThenKilledAndRestarted()
    {
        using var gate = new ManualResetEventSlim();
        await using var rig = HeartbeatRig(restartUnresponsive: true, gate);
        try
        {
            IpcSender renderer = await rig.Supervised.StartAsync().Bounded();
            await rig.Clock.AdvanceTimerAsync(Interval, "the first heartbeat, answered");
            await rig.Clock.WaitForTimerAsync(Interval, "the interval before the second heartbeat");

            renderer.Send("block"); // its process runs on; its dispatcher waits at the gate
            await rig.Clock.AdvanceTimerAsync(Interval, "the second heartbeat");
            await rig.Clock.WaitForTimerAsync(Timeout15, "the unresponsive timeout");
            Assert.False(rig.Renderers.Processes[0].Killed);
            rig.Clock.Advance(Timeout15);

            IpcRendererUnresponsiveEventArgs unresponsive = await rig.UnresponsiveAsync();
            Assert.Same(renderer, unresponsive.Renderer);
            Assert.Equal(Timeout15, unresponsive.Waited);
            Assert.True(unresponsive.WillRestart);
            await Waiting.UntilAsync(() => rig.Renderers.Processes[0].Killed);
            await rig.Clock.AdvanceTimerAsync(TimeSpan.FromSeconds(1), "the back-off");
            IpcRendererRestartedEventArgs restart = await rig.RestartedAsync();
            Assert.Equal(IpcRendererExitReason.Hung, restart.Reason);
            Assert.Equal(137, restart.Exit.ExitCode);
            Assert.Same(renderer, restart.Exit.Renderer);
            Assert.False(renderer.IsConnected);
            await rig.Clock.AdvanceTimerAsync(Interval, "the new instance's first heartbeat");
            await rig.Clock.WaitForTimerAsync(Interval, "its answer");
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task AnUnresponsiveRendererLeftRunningIsReportedResponsiveWhenItAnswersAgain()
    {
        using var gate = new ManualResetEventSlim();
        await using var rig = HeartbeatRig(restartUnresponsive: false, gate);
        try
        {
            IpcSender renderer = await rig.Supervised.StartAsync().Bounded();
            renderer.Send("block");
            await rig.Clock.AdvanceTimerAsync(Interval, "the first heartbeat");
            await rig.Clock.AdvanceTimerAsync(Timeout15, "the unresponsive timeout");
            IpcRendererUnresponsiveEventArgs unresponsive = await rig.UnresponsiveAsync();
            Assert.False(unresponsive.WillRestart);

            gate.Set();

            IpcRendererResponsiveEventArgs responsive = await rig.ResponsiveAsync();
            Assert.Same(renderer, responsive.Renderer);
            Assert.Equal(Timeout15, responsive.Waited);
            Assert.Same(renderer, rig.Supervised.Current);
            Assert.False(rig.Renderers.Processes[0].Killed);
            await rig.Clock.AdvanceTimerAsync(Interval, "the heartbeats go on");
            await rig.Clock.WaitForTimerAsync(Interval, "answered");
            Assert.Equal((0, 0, 0, 0), await rig.UnreadEventsAsync()); // one report per episode, not one per heartbeat
        }
        finally
        {
            gate.Set();
        }
    }

    [Fact]
    public async Task ARendererWhoseDispatcherWaitsInSendSyncForMainIsNotUnresponsive()
    {
        using var mainGate = new ManualResetEventSlim();
        await using var rig = HeartbeatRig(restartUnresponsive: true);
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("slow-sync", (e, _) =>
        {
            asked.TrySetResult();
            mainGate.Wait(Rig.Patience); // main is slow to answer; the renderer waits on main, not on itself
            e.ReturnValue = "done";
        });
        rig.Renderers.Configure = (r, _) => r.On("ask-main", (_, _) => r.SendSync<string>("slow-sync"));
        try
        {
            IpcSender renderer = await rig.Supervised.StartAsync().Bounded();
            renderer.Send("ask-main");
            await asked.Task.Bounded();

            await rig.Clock.AdvanceTimerAsync(Interval, "a heartbeat while the renderer waits in SendSync");
            await rig.Clock.WaitForTimerAsync(Interval, "the heartbeat answered all the same");

            Assert.False(rig.Renderers.Processes[0].Killed);
            mainGate.Set();
            Assert.Equal((0, 0, 0, 0), await rig.UnreadEventsAsync());
        }
        finally
        {
            mainGate.Set();
        }
    }

    [Fact]
    public async Task WithTheHeartbeatOffNoTimerIsArmedWhileARendererRuns()
    {
        await using var rig = new SupervisionRig(); // the rig turns the heartbeat off by default

        await rig.Supervised.StartAsync().Bounded();

        Assert.Equal(0, rig.Clock.ArmedTimers);
    }

    /// <summary>Heartbeats at the defaults (5 s, 15 s); each instance has a "block" listener that waits at <paramref name="gate"/>.</summary>
    private static SupervisionRig HeartbeatRig(bool restartUnresponsive, ManualResetEventSlim? gate = null)
    {
        var rig = new SupervisionRig(o =>
        {
            o.HeartbeatInterval = IpcSupervisionOptions.DefaultHeartbeatInterval;
            o.RestartUnresponsive = restartUnresponsive;
        });
        if (gate is not null)
        {
            rig.Renderers.Configure = (r, _) => r.On("block", (_, _) => gate.Wait(Rig.Patience));
        }

        return rig;
    }
}
