using System.Globalization;

namespace Ipc.Benchmarks.Infrastructure;

/// <summary>
/// Measurements that BenchmarkDotNet does not take itself (per-call percentiles, the peer's allocations)
/// travel from the benchmark processes to the host's columns as small key=value files in a directory the
/// host names through <see cref="DirectoryVariable"/>.
/// </summary>
internal static class ResultStore
{
    public const string DirectoryVariable = "IPCGEN_BENCH_RESULTS";

    /// <summary>The key of one benchmark case: type, method and payload size.</summary>
    public static string Key(string type, string method, string? payload) => $"{type}.{method}.{payload ?? "-"}";

    public static void Write(string key, IReadOnlyDictionary<string, double> values)
    {
        string? directory = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return; // run without the host (e.g. the in-process toolchain): nothing collects them
        }

        Directory.CreateDirectory(directory);
        IEnumerable<string> lines = values.Select(pair => pair.Key + "=" + pair.Value.ToString("R", CultureInfo.InvariantCulture));
        File.WriteAllLines(Path.Combine(directory, key + ".txt"), lines);
    }

    public static double? Read(string directory, string key, string name)
    {
        string path = Path.Combine(directory, key + ".txt");
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (string line in File.ReadAllLines(path))
        {
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && line.AsSpan(0, equals).SequenceEqual(name))
            {
                return double.Parse(line.AsSpan(equals + 1), CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
