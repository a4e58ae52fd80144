using System.Text.RegularExpressions;

namespace Ipc.Package.Tests.Infrastructure;

/// <summary>
/// The "Quick start" section of README.md as a program: its C# blocks are the source files (each named by
/// the <c>// Name.cs</c> comment on its first line) and its text block is what the program prints.
/// </summary>
internal sealed partial record ReadmeQuickStart(IReadOnlyDictionary<string, string> SourceFiles, string ExpectedOutput)
{
    private const string SectionHeading = "## Quick start";

    public static ReadmeQuickStart Read(string readmePath)
    {
        string[] lines = File.ReadAllLines(readmePath);
        int start = Array.FindIndex(lines, line => line.Trim() == SectionHeading);
        Assert.True(start >= 0, $"README.md has no '{SectionHeading}' section.");
        int end = Array.FindIndex(lines, start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
        IEnumerable<string> section = lines[(start + 1)..(end < 0 ? lines.Length : end)];

        var sourceFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        var outputs = new List<string>();
        foreach ((string language, List<string> body) in FencedBlocks(section))
        {
            if (language == "csharp")
            {
                Match name = FileNameComment().Match(body.FirstOrDefault() ?? "");
                string fileName = name.Success ? name.Groups["name"].Value : $"QuickStart{sourceFiles.Count + 1}.cs";
                Assert.True(sourceFiles.TryAdd(fileName, string.Join('\n', body) + "\n"), $"Two quick-start blocks are both {fileName}.");
            }
            else if (language == "text")
            {
                outputs.Add(string.Join('\n', body));
            }
        }

        Assert.True(sourceFiles.Count > 0, "README.md's quick start has no ```csharp block.");
        string expected = Assert.Single(outputs); // the one ```text block: what the program prints
        return new ReadmeQuickStart(sourceFiles, expected);
    }

    private static IEnumerable<(string Language, List<string> Body)> FencedBlocks(IEnumerable<string> lines)
    {
        string? language = null;
        var body = new List<string>();
        foreach (string line in lines)
        {
            if (language is null)
            {
                if (line.StartsWith("```", StringComparison.Ordinal))
                {
                    language = line[3..].Trim();
                    body = [];
                }
            }
            else if (line.Trim() == "```")
            {
                yield return (language, body);
                language = null;
            }
            else
            {
                body.Add(line);
            }
        }
    }

    [GeneratedRegex(@"^//\s*(?<name>[A-Za-z0-9_.]+\.cs)\b")]
    private static partial Regex FileNameComment();
}
