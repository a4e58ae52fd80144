using System.Globalization;

namespace Ipc.Processes;

/// <summary>
/// Whether a process descends from another: a launched renderer may connect from a process it started itself
/// (a launcher script, <c>dotnet run</c>), but not from an unrelated one.
/// </summary>
internal static class ProcessAncestry
{
    /// <summary>Deeper chains than this are not followed (and answered "no"): a cycle cannot keep the handshake.</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// True when <paramref name="processId"/> is <paramref name="ancestorId"/> or one of its descendants, false when
    /// it is not, null when this platform does not tell (only Linux's /proc is read).
    /// </summary>
    public static bool? IsSelfOrDescendant(int processId, int ancestorId)
    {
        if (processId == ancestorId)
        {
            return true;
        }

        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        int current = processId;
        for (int depth = 0; depth < MaxDepth && current > 1; depth++)
        {
            int? parent = LinuxParentOf(current);
            if (parent is null)
            {
                return false; // it has exited, or was never there
            }

            if (parent == ancestorId)
            {
                return true;
            }

            current = parent.Value;
        }

        return false;
    }

    /// <summary>The parent process id from /proc/&lt;pid&gt;/stat: the fourth field, after the parenthesised name (which may hold spaces).</summary>
    private static int? LinuxParentOf(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        int afterName = stat.LastIndexOf(')');
        string[] fields = stat[(afterName + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 1 && int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int parent) ? parent : null;
    }
}
