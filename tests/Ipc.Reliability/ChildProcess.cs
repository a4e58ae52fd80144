using System.Diagnostics;

namespace Ipc.Reliability;

/// <summary>How to start this program again, in a child mode: its apphost when there is one, else `dotnet` and its dll.</summary>
public static class ChildProcess
{
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        string directory = AppContext.BaseDirectory;
        string appHost = Path.Combine(directory, OperatingSystem.IsWindows() ? "Ipc.Reliability.exe" : "Ipc.Reliability");
        ProcessStartInfo startInfo;
        if (File.Exists(appHost))
        {
            startInfo = new ProcessStartInfo(appHost);
        }
        else
        {
            startInfo = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet");
            startInfo.ArgumentList.Add(Path.Combine(directory, "Ipc.Reliability.dll"));
        }

        startInfo.UseShellExecute = false;
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    /// <summary>Kills a process and its children if it is still running; never throws.</summary>
    public static void KillQuietly(int processId)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }
}
