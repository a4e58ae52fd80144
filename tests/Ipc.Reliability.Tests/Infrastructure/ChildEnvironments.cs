using System.Text;

namespace Ipc.Reliability.Tests.Infrastructure;

/// <summary>
/// Reads the environment of this process's children from <c>/proc</c>, as any process of the same user could: how a
/// stranger learns a launched renderer's token and launch id (main copies its caller's start info, so the test cannot
/// read them there). Linux only.
/// </summary>
internal static class ChildEnvironments
{
    /// <summary>The process ids of this process's descendants now.</summary>
    public static HashSet<int> ChildIds()
    {
        var ids = new HashSet<int>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out int id) && IsChild(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>Waits for a child not in <paramref name="known"/> whose environment has <paramref name="variable"/>, and returns that environment.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> WaitForNewChildWithAsync(string variable, HashSet<int> known, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (int id in ChildIds())
            {
                if (!known.Contains(id) && TryRead(id) is { } environment && environment.ContainsKey(variable))
                {
                    return environment;
                }
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>A process below this one (main's own ancestry check, <c>ProcessAncestry</c>, reads /proc the same way).</summary>
    private static bool IsChild(int id) =>
        id != Environment.ProcessId && Ipc.Processes.ProcessAncestry.IsSelfOrDescendant(id, Environment.ProcessId) == true;

    private static Dictionary<string, string>? TryRead(int id)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{id}/environ"))
                .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(entry => entry.Split('=', 2))
                .Where(pair => pair.Length == 2)
                .GroupBy(pair => pair[0])
                .ToDictionary(group => group.Key, group => group.First()[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
