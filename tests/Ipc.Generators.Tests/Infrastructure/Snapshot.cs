using System.Text;

namespace Ipc.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated code with a checked-in baseline, <c>Snapshots/&lt;name&gt;.verified.cs</c> (or another
/// extension: <c>.ts</c>, <c>.js</c>). On a mismatch it writes <c>&lt;name&gt;.received.cs</c> next to it and fails with a line diff; with <c>IPCGEN_ACCEPT=1</c>
/// it rewrites the baseline instead.
/// </summary>
internal static class Snapshot
{
    private const string AcceptVariable = "IPCGEN_ACCEPT";

    public static void Match(string name, string actual, string extension = ".cs")
    {
        string directory = Path.Combine(ProjectDirectory(), "Snapshots");
        string verifiedPath = Path.Combine(directory, name + ".verified" + extension);
        string receivedPath = Path.Combine(directory, name + ".received" + extension);
        actual = actual.ReplaceLineEndings("\n");
        string? expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        string diff = expected is null ? "(no baseline yet)" : LineDiff.Describe(expected, actual);
        Assert.Fail($"Generated code for '{name}' differs from {verifiedPath}.\nReceived: {receivedPath}\nRun with {AcceptVariable}=1 to accept.\n{diff}");
    }

    /// <summary>
    /// The test project's folder, found above the test assembly (bin/&lt;configuration&gt;/&lt;tfm&gt;). Not from
    /// [CallerFilePath]: CI builds map source paths to <c>/_/</c> (ContinuousIntegrationBuild).
    /// </summary>
    public static string ProjectDirectory()
    {
        for (string? directory = AppContext.BaseDirectory; directory is not null; directory = Path.GetDirectoryName(directory.TrimEnd(Path.DirectorySeparatorChar)))
        {
            if (File.Exists(Path.Combine(directory, "Ipc.Generators.Tests.csproj")))
            {
                return directory;
            }
        }

        throw new InvalidOperationException($"No Ipc.Generators.Tests.csproj above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A short, readable line diff: the lines around the first difference, marked - (expected) and + (received).</summary>
internal static class LineDiff
{
    private const int Context = 3;
    private const int MaxLines = 40;

    public static string Describe(string expected, string actual)
    {
        string[] left = expected.Split('\n');
        string[] right = actual.Split('\n');
        int first = 0;
        while (first < left.Length && first < right.Length && left[first] == right[first])
        {
            first++;
        }

        int leftEnd = left.Length;
        int rightEnd = right.Length;
        while (leftEnd > first && rightEnd > first && left[leftEnd - 1] == right[rightEnd - 1])
        {
            leftEnd--;
            rightEnd--;
        }

        var diff = new StringBuilder();
        diff.Append("@@ line ").Append(first + 1).Append(" @@\n");
        for (int i = Math.Max(0, first - Context); i < first; i++)
        {
            diff.Append("  ").Append(left[i]).Append('\n');
        }

        int written = 0;
        for (int i = first; i < leftEnd && written < MaxLines; i++, written++)
        {
            diff.Append("- ").Append(left[i]).Append('\n');
        }

        for (int i = first; i < rightEnd && written < MaxLines * 2; i++, written++)
        {
            diff.Append("+ ").Append(right[i]).Append('\n');
        }

        return diff.ToString();
    }
}
