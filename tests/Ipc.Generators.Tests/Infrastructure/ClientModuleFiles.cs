namespace Ipc.Generators.Tests.Infrastructure;

/// <summary>
/// The client modules a generator run carried out, as the IpcGen package's build step writes them: the file named on
/// each carrier's first line, holding the lines between <c>#if false</c> and the last <c>#endif</c>.
/// </summary>
internal static class ClientModuleFiles
{
    public const string Marker = "// IpcGen client module: ";

    /// <summary>Module file name (<c>PingPong.ts</c>) → text.</summary>
    public static SortedDictionary<string, string> Of(GeneratorOutcome outcome)
    {
        var modules = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach ((string hintName, string text) in outcome.Sources)
        {
            if (hintName.EndsWith(".ts.g.cs", StringComparison.Ordinal) || hintName.EndsWith(".js.g.cs", StringComparison.Ordinal))
            {
                (string fileName, string module) = Extract(text);
                modules.Add(fileName, module);
            }
        }

        return modules;
    }

    public static (string FileName, string Module) Extract(string carrier)
    {
        string[] lines = carrier.Split('\n');
        Assert.StartsWith(Marker, lines[0]);
        int start = Array.FindIndex(lines, line => line.StartsWith("#if false", StringComparison.Ordinal));
        int end = Array.FindLastIndex(lines, line => line == "#endif");
        Assert.True(start > 0 && end > start, "A carrier without its #if false region:\n" + carrier);
        return (lines[0].Substring(Marker.Length), string.Join("\n", lines[(start + 1)..end]) + "\n");
    }
}
