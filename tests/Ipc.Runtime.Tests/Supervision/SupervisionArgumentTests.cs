using System.Diagnostics;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>Supervision's public entry points validate their arguments, and the options their values.</summary>
public sealed class SupervisionArgumentTests
{
    [Fact]
    public void TheDefaultsAreTheDocumentedOnes()
    {
        var options = new IpcSupervisionOptions();

        Assert.Equal(3, options.MaxRestarts);
        Assert.Equal(TimeSpan.FromMinutes(5), options.RestartWindow);
        Assert.Equal(TimeSpan.FromSeconds(1), options.InitialRestartDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxRestartDelay);
        Assert.True(options.RestartOnCleanExit);
        Assert.Equal(TimeSpan.FromSeconds(5), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(15), options.UnresponsiveTimeout);
        Assert.True(options.RestartUnresponsive);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ShutdownTimeout);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Fact]
    public void OptionSettersRefuseValuesOutOfRange()
    {
        var options = new IpcSupervisionOptions();
        TimeSpan negative = TimeSpan.FromSeconds(-1);
        var calls = new (string Name, Action Set)[]
        {
            ("MaxRestarts", () => options.MaxRestarts = -1),
            ("RestartWindow zero", () => options.RestartWindow = TimeSpan.Zero),
            ("RestartWindow infinite", () => options.RestartWindow = Timeout.InfiniteTimeSpan),
            ("InitialRestartDelay", () => options.InitialRestartDelay = negative),
            ("MaxRestartDelay", () => options.MaxRestartDelay = Timeout.InfiniteTimeSpan),
            ("HeartbeatInterval", () => options.HeartbeatInterval = TimeSpan.Zero),
            ("UnresponsiveTimeout zero", () => options.UnresponsiveTimeout = TimeSpan.Zero),
            ("UnresponsiveTimeout infinite", () => options.UnresponsiveTimeout = Timeout.InfiniteTimeSpan),
            ("ShutdownTimeout", () => options.ShutdownTimeout = negative),
            ("too long", () => options.RestartWindow = TimeSpan.FromDays(30)),
        };

        foreach ((string name, Action set) in calls)
        {
            var error = Record.Exception(set);
            Assert.True(error is ArgumentOutOfRangeException, $"{name} threw {error?.GetType().Name ?? "nothing"}.");
        }

        Assert.Throws<ArgumentNullException>(() => options.TimeProvider = null!);
        options.HeartbeatInterval = Timeout.InfiniteTimeSpan; // turns the heartbeat off
        options.MaxRestarts = 0;
        options.InitialRestartDelay = TimeSpan.Zero;
        options.ShutdownTimeout = TimeSpan.Zero;
    }

    [Fact]
    public void SuperviseRendererRefusesANullStartInfoFunctionAndDisagreeingOptions()
    {
        using var main = new IpcMain();

        Assert.Throws<ArgumentNullException>("startInfo", () => main.SuperviseRenderer(null!));
        var options = new IpcSupervisionOptions { InitialRestartDelay = TimeSpan.FromSeconds(10), MaxRestartDelay = TimeSpan.FromSeconds(5) };
        Assert.Throws<ArgumentException>("options", () => main.SuperviseRenderer(() => new ProcessStartInfo("x"), options));
    }

    [Fact]
    public async Task LaterChangesToTheOptionsDoNotReachARunningSupervision()
    {
        await using var rig = new SupervisionRig(o => o.MaxRestarts = 1);
        var options = new IpcSupervisionOptions { MaxRestarts = 1 };
        using var main = new IpcMain();
        IpcSupervisedRenderer supervised = main.SuperviseRenderer(() => new ProcessStartInfo("x"), options);

        options.MaxRestarts = 7;

        Assert.Equal(1, supervised.Options.MaxRestarts);
    }

    [Fact]
    public async Task StartAsyncMayBeCalledOnce()
    {
        await using var rig = new SupervisionRig();
        await rig.Supervised.StartAsync().Bounded();

        Assert.Throws<InvalidOperationException>(() => { _ = rig.Supervised.StartAsync(); });
    }

    [Fact]
    public async Task StartAsyncWithACancelledTokenStartsNothing()
    {
        await using var rig = new SupervisionRig();

        Assert.Throws<OperationCanceledException>(() => { _ = rig.Supervised.StartAsync(new CancellationToken(canceled: true)); });

        Assert.Equal(0, rig.Renderers.Starts);
    }

    [Fact]
    public void SuperviseRendererOnADisposedMainThrowsObjectDisposedException()
    {
        var main = new IpcMain();
        main.Dispose();

        Assert.Throws<ObjectDisposedException>(() => main.SuperviseRenderer(() => new ProcessStartInfo("x")));
    }

    [Fact]
    public void EventArgsRefuseNullRenderers()
    {
        var exit = new IpcRendererExit(IpcRendererExitReason.Crashed, null, 1, 1, TimeSpan.Zero, null);

        Assert.Throws<ArgumentNullException>("exit", () => new IpcRendererRestartedEventArgs(null!, 1, TimeSpan.Zero, null!));
        Assert.Throws<ArgumentNullException>("renderer", () => new IpcRendererRestartedEventArgs(exit, 1, TimeSpan.Zero, null!));
        Assert.Throws<ArgumentNullException>("renderer", () => new IpcRendererUnresponsiveEventArgs(null!, TimeSpan.Zero, true));
        Assert.Throws<ArgumentNullException>("renderer", () => new IpcRendererResponsiveEventArgs(null!, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(137, 9)]
    [InlineData(134, 6)]
    [InlineData(139, 11)]
    [InlineData(128, null)]
    [InlineData(1, null)]
    [InlineData(0, null)]
    [InlineData(255, null)]
    public void OnUnixASignalIsReadFromAnExitCodeAbove128(int exitCode, int? signal)
    {
        var exit = new IpcRendererExit(IpcRendererExitReason.Crashed, null, 1, exitCode, TimeSpan.Zero, null);

        Assert.Equal(OperatingSystem.IsWindows() ? null : signal, exit.Signal);
        Assert.Contains($"exited with code {exitCode}", exit.ToString());
    }
}
