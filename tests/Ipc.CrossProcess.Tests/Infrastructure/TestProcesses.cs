using System.Diagnostics;

namespace Ipc.CrossProcess.Tests.Infrastructure;

/// <summary>
/// Starts tests/Ipc.TestRenderer in a given mode and kills every process it knows of when disposed,
/// so a failing test never leaves a child behind.
/// </summary>
public sealed class TestProcesses : IDisposable
{
    private readonly List<int> _processIds = [];

    /// <summary>How to run the test renderer with <paramref name="arguments"/>: its apphost, or `dotnet` and its dll.</summary>
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        string directory = AppContext.BaseDirectory;
        string appHost = Path.Combine(directory, OperatingSystem.IsWindows() ? "Ipc.TestRenderer.exe" : "Ipc.TestRenderer");
        ProcessStartInfo startInfo;
        if (File.Exists(appHost))
        {
            startInfo = new ProcessStartInfo(appHost);
        }
        else
        {
            startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
            startInfo.ArgumentList.Add(Path.Combine(directory, "Ipc.TestRenderer.dll"));
        }

        startInfo.UseShellExecute = false;
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>Remembers a process to kill at the end of the test.</summary>
    public void Track(int processId)
    {
        lock (_processIds)
        {
            _processIds.Add(processId);
        }
    }

    /// <summary>Starts the test renderer directly (not through IpcMain) and tracks it.</summary>
    public Process Start(ProcessStartInfo startInfo)
    {
        Process process = Process.Start(startInfo)!;
        Track(process.Id);
        return process;
    }

    public void Dispose()
    {
        int[] processIds;
        lock (_processIds)
        {
            processIds = [.. _processIds];
        }

        foreach (int processId in processIds)
        {
            try
            {
                using Process process = Process.GetProcessById(processId);
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already exited.
            }
        }
    }
}
