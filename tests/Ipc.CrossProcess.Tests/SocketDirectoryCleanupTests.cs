using System.Diagnostics;
using Ipc.CrossProcess.Tests.Infrastructure;

namespace Ipc.CrossProcess.Tests;

/// <summary>
/// Main's private socket directory does not outlive main: a main stopped by SIGTERM or Ctrl-C (SIGINT) removes
/// it, and one killed outright leaves it to the next main of the same user, which sweeps it.
/// </summary>
public sealed class SocketDirectoryCleanupTests : IDisposable
{
    private readonly TestProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [UnixOnlyTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_main_stopped_by_a_signal_removes_its_socket_directory(string signal)
    {
        (Process main, string directory) = await StartMainAsync();

        await SignalAsync(main, signal);
        await Eventually.Within(main.WaitForExitAsync());

        Assert.False(Directory.Exists(directory), $"{directory} is still there after SIG{signal}.");
    }

    [UnixOnlyFact]
    public async Task A_main_killed_outright_leaves_its_directory_to_the_next_main_which_sweeps_it()
    {
        (Process killed, string stale) = await StartMainAsync();
        killed.Kill();
        await Eventually.Within(killed.WaitForExitAsync());
        Assert.True(Directory.Exists(stale), "SIGKILL gives a process no chance to clean up.");

        (_, string fresh) = await StartMainAsync();

        Assert.False(Directory.Exists(stale), $"{stale} was not swept.");
        Assert.True(Directory.Exists(fresh));
    }

    /// <summary>Starts a main process (tests/Ipc.TestRenderer, mode "main") and returns it with its socket's directory.</summary>
    private async Task<(Process Main, string Directory)> StartMainAsync()
    {
        ProcessStartInfo startInfo = TestProcesses.StartInfo("main");
        startInfo.RedirectStandardOutput = true;
        Process main = _processes.Start(startInfo);
        string? line = await Eventually.Within(main.StandardOutput.ReadLineAsync());
        string[] parts = line!.Split(' ');
        Assert.Equal("ENDPOINT", parts[0]);
        string directory = Path.GetDirectoryName(parts[1])!;
        Assert.True(Directory.Exists(directory));
        Assert.StartsWith($"ipcgen-{main.Id}-", Path.GetFileName(directory), StringComparison.Ordinal);
        return (main, directory);
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using Process kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        await Eventually.Within(kill.WaitForExitAsync());
        Assert.Equal(0, kill.ExitCode);
    }
}
