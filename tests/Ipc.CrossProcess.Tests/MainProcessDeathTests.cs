using System.Diagnostics;
using Ipc.CrossProcess.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.CrossProcess.Tests;

/// <summary>Main in a child process, the renderer in the test process: what the renderer sees when main dies.</summary>
public sealed class MainProcessDeathTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Fact]
    public async Task Killing_main_fails_every_pending_call_within_a_second_and_later_calls_at_once()
    {
        ProcessStartInfo startInfo = TestProcesses.StartInfo("main");
        startInfo.RedirectStandardOutput = true;
        Process main = _processes.Start(startInfo);
        string? line = await Eventually.Within(main.StandardOutput.ReadLineAsync());
        string[] parts = line!.Split(' ');
        Assert.Equal("ENDPOINT", parts[0]);
        using IpcRenderer renderer = await IpcRenderer.ConnectAsync(
            new IpcEndpoint(parts[1], parts[2]),
            new IpcRendererOptions { SendSyncTimeout = Timeout.InfiniteTimeSpan });
        Assert.Equal("alive", renderer.SendSync<string>("sync-echo", "alive"));

        Task<object?> invoke = renderer.InvokeAsync<object>("never"); // its handler never completes
        Task<string?> sendSync = Task.Factory.StartNew(() => renderer.SendSync<string>("block", "x"), TaskCreationOptions.LongRunning); // its listener never returns
        Assert.Equal("BLOCKED", await Eventually.Within(main.StandardOutput.ReadLineAsync())); // main is inside the listener

        var clock = Stopwatch.StartNew();
        main.Kill();
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => Eventually.Within(invoke));
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => Eventually.Within(sendSync));
        TimeSpan failedAfter = clock.Elapsed;
        output.WriteLine($"pending calls failed {failedAfter.TotalMilliseconds:0} ms after main was killed");
        Assert.True(failedAfter < Eventually.Bound, $"took {failedAfter}");

        Assert.False(renderer.IsConnected);
        Assert.Throws<IpcDisconnectedException>(() => renderer.SendSync<string>("sync-echo", "x"));
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => renderer.InvokeAsync<object>("never"));
        Assert.Throws<IpcDisconnectedException>(() => renderer.Send("sync-echo", "x"));
    }
}
