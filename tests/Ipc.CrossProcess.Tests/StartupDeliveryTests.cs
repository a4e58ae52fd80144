using Ipc.CrossProcess.Tests.Infrastructure;

namespace Ipc.CrossProcess.Tests;

/// <summary>One line the test renderer's logger received (it declares the same record).</summary>
public sealed record LogLine(string Level, int EventId, string Message);

/// <summary>What the "startup-late" renderer's "late-report" answers.</summary>
public sealed record LateReport(int[] Received, LogLine[] Log, int Errors);

/// <summary>
/// What a renderer process receives of the messages main sends it right after <see cref="IpcMain.StartRendererAsync"/>
/// returns: everything, when it registers its listeners in <c>ConnectToParentAsync</c>'s callback; only what arrives
/// after a listener registered later, the rest dropped and logged (Electron drops them silently).
/// </summary>
public sealed class StartupDeliveryTests : IDisposable
{
    private readonly TestProcesses _processes = new();
    private readonly IpcMain _main = new();

    public void Dispose()
    {
        _main.Dispose();
        _processes.Dispose();
    }

    [Fact]
    public async Task A_renderer_that_registers_in_the_connect_callback_receives_everything_main_sends_as_soon_as_it_is_started()
    {
        IpcSender renderer = await StartAsync("startup-early"); // still doing 200 ms of set-up work in its callback

        for (int i = 0; i < 42; i++)
        {
            renderer.Send("burst", i);
        }

        int[]? received = await Eventually.Within(renderer.InvokeAsync<int[]>("burst-report")); // runs after the 42 listeners
        Assert.Equal(Enumerable.Range(0, 42), received!);
    }

    [Fact]
    public async Task A_listener_registered_after_delivery_started_misses_earlier_messages_which_are_logged_as_dropped_with_the_channel_name()
    {
        IpcSender renderer = await StartAsync("startup-late");
        for (int i = 0; i < 10; i++)
        {
            renderer.Send("late", i); // no listener on "late" yet
        }

        await Eventually.Within(renderer.InvokeAsync<object>("register-late")); // runs after the ten were dispatched
        for (int i = 10; i < 20; i++)
        {
            renderer.Send("late", i);
        }

        LateReport? report = await Eventually.Within(renderer.InvokeAsync<LateReport>("late-report"));

        Assert.Equal(Enumerable.Range(10, 10), report!.Received);
        LogLine warning = Assert.Single(report.Log, line => line.EventId == 7);
        Assert.Equal("Warning", warning.Level);
        Assert.Contains("'late'", warning.Message);
        Assert.Contains("dropped", warning.Message);
        Assert.All(report.Log.Where(line => line.EventId == 8), line =>
        {
            Assert.Equal("Debug", line.Level);
            Assert.Contains("'late'", line.Message);
        });
        Assert.Equal(9, report.Log.Count(line => line.EventId == 8)); // every later drop, at Debug level
        Assert.Equal(0, report.Errors); // a dropped message is not an error
    }

    private async Task<IpcSender> StartAsync(params string[] arguments)
    {
        using var timeout = new CancellationTokenSource(Eventually.Bound * 2);
        IpcSender renderer = await _main.StartRendererAsync(TestProcesses.StartInfo(arguments), timeout.Token);
        _processes.Track(renderer.ProcessId);
        return renderer;
    }
}
