using System.Text.RegularExpressions;
using Ipc.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.Package.Tests;

/// <summary>
/// Fresh projects that install the packed IpcGen by version from a local feed, build and run, as a user's
/// would: the package alone must bring the runtime, the generator and the analyzers.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ConsumerTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public async Task ReadmeQuickStartBuildsWithoutWarningsAndPrintsWhatTheReadmeSays()
    {
        ReadmeQuickStart quickStart = ReadmeQuickStart.Read(Path.Combine(package.RepositoryRoot, "README.md"));
        ConsumerProject consumer = await ConsumerProject.CreateAsync(package, "QuickStart", quickStart.SourceFiles);

        CommandResult build = await consumer.BuildAsync();
        output.WriteLine(build.ToString());
        AssertBuiltWithoutWarnings(build);
        CommandResult run = await consumer.RunAsync();
        output.WriteLine(run.ToString());

        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(Lines(quickStart.ExpectedOutput), Lines(run.Output));
    }

    [Fact]
    public async Task TypedChannelsWorkWithAJsonSerializerContextWhileReflectionIsOff()
    {
        (ConsumerProject consumer, CommandResult build) = await package.BuildConsumerOnceAsync("AotReady");
        output.WriteLine(build.ToString());
        // The trim and AOT analyzers run over the generated code too; any warning would have failed the build.
        AssertBuiltWithoutWarnings(build);
        CommandResult run = await consumer.RunAsync();
        output.WriteLine(run.ToString());

        Assert.True(run.Succeeded, run.ToString());
        Assert.Equal(
            [
                "reflection-based JSON enabled: False",
                "measure: Area { Value = 6, Unit = m2 }",
                "scale: Size { Width = 20, Height = 30 }",
                "noted: hello (priority 1), last scaled to Size { Width = 20, Height = 30 }",
            ],
            Lines(run.Output));
    }

    [Fact]
    public async Task GeneratedCodeUsesNoReflection()
    {
        (ConsumerProject consumer, CommandResult build) = await package.BuildConsumerOnceAsync("AotReady");
        AssertBuiltWithoutWarnings(build);

        string generatorOutput = Path.Combine(consumer.Directory, "generated", "Ipc.Generators");
        string[] files = Directory.Exists(generatorOutput) ? Directory.GetFiles(generatorOutput, "*.cs", SearchOption.AllDirectories) : [];
        Assert.True(files.Length > 0, $"The generator wrote nothing under {generatorOutput}:\n{build}");

        var offences = new List<string>();
        foreach (string file in files)
        {
            string[] lines = await File.ReadAllLinesAsync(file);
            for (int i = 0; i < lines.Length; i++)
            {
                if (ReflectionUse().IsMatch(lines[i]))
                {
                    offences.Add($"{Path.GetFileName(file)}({i + 1}): {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offences.Count == 0, "Generated code reflects:\n" + string.Join('\n', offences));
    }

    private static void AssertBuiltWithoutWarnings(CommandResult build)
    {
        Assert.True(build.Succeeded, $"The consumer did not build:\n{build}");
        Assert.Matches(@"(?m)^\s*0 Warning\(s\)", build.Output);
    }

    private static string[] Lines(string text) =>
        text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()).Where(line => line.Length > 0).ToArray();

    [GeneratedRegex(@"System\.Reflection|\.GetType\(|\bActivator\.|MakeGeneric(Type|Method)|\.Get(Method|Property|Field|Constructor)s?\(|\bdynamic\b")]
    private static partial Regex ReflectionUse();
}
