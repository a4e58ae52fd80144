using Ipc.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.Package.Tests;

/// <summary>
/// A fresh app on the packed IpcGen whose renderer is a web page in headless Chromium, as docs/web.md sets one up: the
/// package serves its JavaScript client, its build writes the page's modules, and every call in both directions is answered.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class WebPackageTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public async Task APageUsingTheGeneratedModulesAndThePackagedClientHasEveryCallAnswered()
    {
        ConsumerProject consumer = await ConsumerProject.CreateAsync(package, "WebPage");

        CommandResult build = await consumer.BuildAsync();
        output.WriteLine(build.ToString());
        Assert.True(build.Succeeded, build.ToString());
        Assert.True(File.Exists(Path.Combine(consumer.Directory, "wwwroot", "generated", "Greeter.ts")));
        CommandResult run = await consumer.RunAsync();

        output.WriteLine(run.ToString());
        Assert.True(run.Succeeded, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            ["ready", "double: 42", "shout: hey", "greet: hello page, 7", "fail: System.InvalidOperationException: boom", "done"],
            lines);
    }
}
