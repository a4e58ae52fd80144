using System.Diagnostics;

namespace Ipc.Hosting;

/// <summary>What a renderer process added with <see cref="IpcMainBuilder.AddRenderer"/> runs. Set while the host is being built and read when it starts; not thread-safe.</summary>
public sealed class IpcRendererProcessOptions
{
    internal IpcRendererProcessOptions(string name) => Name = name;

    /// <summary>The renderer's name within the host.</summary>
    public string Name { get; }

    /// <summary>The program to start: an executable, or the <c>dotnet</c> host with the app's assembly first in <see cref="Arguments"/>.</summary>
    public string? FileName { get; set; }

    /// <summary>Its command-line arguments, passed as they are (no shell quoting).</summary>
    public IList<string> Arguments { get; } = new List<string>();

    /// <summary>Its working directory; main's when null.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>
    /// How it is restarted when it crashes, exits, fails to start or stops answering (docs/supervision.md): up to 3
    /// restarts in 5 minutes with a back-off from 1 s, a heartbeat every 5 s, unresponsive after 15 s. Set
    /// <see cref="IpcSupervisionOptions.MaxRestarts"/> to 0 for a renderer that is never restarted.
    /// </summary>
    public IpcSupervisionOptions Supervision { get; set; } = new();

    /// <summary>Variables added to its environment (main's own are inherited). IpcGen adds the ones that tell it how to connect.</summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>
    /// Runs a framework-dependent .NET app: its apphost when one sits next to <paramref name="assemblyPath"/>
    /// (<c>Worker</c> / <c>Worker.exe</c> beside <c>Worker.dll</c>), otherwise the <c>dotnet</c> host running the
    /// assembly. A relative path is relative to main's own folder (<see cref="AppContext.BaseDirectory"/>), which is
    /// where a project reference to the worker's project copies its output: reference the worker project from the
    /// main project and pass <c>"Worker.dll"</c>.
    /// </summary>
    /// <param name="assemblyPath">The app's main assembly, e.g. "Worker.dll".</param>
    /// <returns>These options.</returns>
    /// <exception cref="ArgumentException"><paramref name="assemblyPath"/> is empty.</exception>
    public IpcRendererProcessOptions UseDotnetApp(string assemblyPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(assemblyPath);
        string assembly = Path.GetFullPath(assemblyPath, AppContext.BaseDirectory);
        string appHost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        Arguments.Clear();
        if (File.Exists(appHost))
        {
            FileName = appHost;
        }
        else
        {
            FileName = DotnetHost();
            Arguments.Add(assembly);
        }

        return this;
    }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(FileName))
        {
            throw new ArgumentException($"The renderer '{Name}' has nothing to start: call UseDotnetApp(\"Worker.dll\") or set FileName.");
        }
    }

    /// <summary>A fresh start info for each start, so a restart never sees what the last start added.</summary>
    internal ProcessStartInfo CreateStartInfo()
    {
        var startInfo = new ProcessStartInfo(FileName!) { UseShellExecute = false, WorkingDirectory = WorkingDirectory ?? "" };
        foreach (string argument in Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (KeyValuePair<string, string?> variable in Environment)
        {
            startInfo.Environment[variable.Key] = variable.Value;
        }

        return startInfo;
    }

    /// <summary>The <c>dotnet</c> host running main when there is one, else the one the SDK names, else <c>dotnet</c> on the PATH.</summary>
    private static string DotnetHost()
    {
        string? current = System.Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return current;
        }

        return System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }
}
