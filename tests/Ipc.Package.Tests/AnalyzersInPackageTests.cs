using System.Text.RegularExpressions;
using Ipc.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.Package.Tests;

/// <summary>The analyzers reach a consumer through the package alone, and report in its build.</summary>
[Collection(PackageCollection.Name)]
public sealed partial class AnalyzersInPackageTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public async Task SyncListenerThatNeverSetsReturnValueIsReportedAsIPC0001()
    {
        ConsumerProject consumer = await ConsumerProject.CreateAsync(package, "MissingReturnValue");

        CommandResult build = await consumer.BuildAsync();
        output.WriteLine(build.ToString());

        // Warnings are errors in this project, as in ours: the rule fails the build, at the listener (Program.cs line 4).
        string[] errorIds = ErrorIds(build.Output);
        Assert.False(build.Succeeded, $"The build succeeded; IPC0001 was expected:\n{build}");
        Assert.True(errorIds.Length > 0 && errorIds.All(id => id == "IPC0001"), $"Expected IPC0001 and no other error, got [{string.Join(", ", errorIds)}]:\n{build}");
        Assert.Contains("Program.cs(4,", build.Output, StringComparison.Ordinal);
    }

    private static string[] ErrorIds(string buildOutput) =>
        DiagnosticLine().Matches(buildOutput).Select(m => m.Groups["id"].Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@": error (?<id>[A-Z]+[0-9]+):")]
    private static partial Regex DiagnosticLine();
}
