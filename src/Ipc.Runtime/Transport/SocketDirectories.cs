using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Ipc.Transport;

/// <summary>
/// The private directories that hold main's Unix domain sockets, named <c>ipcgen-{process id}-{random}</c> in the
/// temp folder. They are removed when their server is disposed, when the process exits normally, and when it is
/// stopped by SIGTERM, SIGINT (Ctrl-C) or SIGQUIT, without changing what those signals then do. A process killed
/// outright (SIGKILL, a crash) cannot clean up: the first server a later process creates sweeps the directories
/// whose process is gone.
/// </summary>
internal static class SocketDirectories
{
    private const string Prefix = "ipcgen-";

    private static readonly HashSet<DirectoryInfo> s_live = [];
    private static List<IDisposable>? s_signals;
    private static bool s_swept;

    /// <summary>Creates a directory with mode 0700 under a random name (mkdtemp), after sweeping stale ones once per process.</summary>
    public static DirectoryInfo Create()
    {
        lock (s_live)
        {
            if (!s_swept)
            {
                s_swept = true;
                SweepStale(Path.GetTempPath());
            }

            RegisterCleanupOnce();
            DirectoryInfo directory = Directory.CreateTempSubdirectory(Prefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-");
            s_live.Add(directory);
            return directory;
        }
    }

    /// <summary>Deletes <paramref name="directory"/> (gone already is fine).</summary>
    public static void Remove(DirectoryInfo directory)
    {
        lock (s_live)
        {
            s_live.Remove(directory);
        }

        Delete(directory.FullName);
    }

    /// <summary>
    /// Deletes the directories in <paramref name="folder"/> that a process now gone left behind. Only this OS user's
    /// can be deleted (the temp folder is sticky and each directory is 0700): others' fail quietly and stay.
    /// </summary>
    internal static int SweepStale(string folder)
    {
        int removed = 0;
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(folder, Prefix + "*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }

        foreach (string path in candidates)
        {
            if (OwnerProcessId(Path.GetFileName(path)) is int owner && owner != Environment.ProcessId && !IsRunning(owner) && Delete(path))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The process id in a name <c>ipcgen-{pid}-{random}</c>; null for any other name (an older layout, someone else's).</summary>
    internal static int? OwnerProcessId(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = name.AsSpan(Prefix.Length);
        int dash = rest.IndexOf('-');
        return dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // gone already, or not ours
        }
    }

    /// <summary>
    /// Removes the live directories when the process exits normally or on a stopping signal. The signal handlers
    /// leave the signal's own handling as it was: a host that turns SIGTERM into a graceful stop still does.
    /// </summary>
    private static void RegisterCleanupOnce()
    {
        if (s_signals is not null)
        {
            return;
        }

        s_signals = [];
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();
        if (OperatingSystem.IsWindows())
        {
            return; // named pipes leave nothing behind
        }

        foreach (PosixSignal signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGQUIT })
        {
            s_signals.Add(PosixSignalRegistration.Create(signal, _ => RemoveAll()));
        }
    }

    private static void RemoveAll()
    {
        DirectoryInfo[] live;
        lock (s_live)
        {
            live = [.. s_live];
            s_live.Clear();
        }

        foreach (DirectoryInfo directory in live)
        {
            Delete(directory.FullName);
        }
    }
}
