using Ipc.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.Package.Tests;

/// <summary>IpcGen.Hosting, packed beside IpcGen, installed by a fresh generic-host app from the local feed.</summary>
[Collection(PackageCollection.Name)]
public sealed class HostingPackageTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public async Task AFreshHostedAppInstallsIpcGenHostingBuildsWithoutWarningsAndServesAContract()
    {
        Assert.True(package.HostingPackResult.Succeeded && File.Exists(package.HostingPackagePath), $"Packing IpcGen.Hosting failed:\n{package.HostingPackResult}");
        ConsumerProject consumer = await ConsumerProject.CreateAsync(
            package,
            "Hosted",
            morePackages: [(PackedPackage.HostingPackageId, null), ("Microsoft.Extensions.Hosting", "10.0.0")]);

        CommandResult build = await consumer.BuildAsync();
        output.WriteLine(build.ToString());
        Assert.True(build.Succeeded, build.ToString());
        CommandResult run = await consumer.RunAsync();

        output.WriteLine(run.ToString());
        Assert.True(run.Succeeded, run.ToString());
        string[] lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Count(line => line == "hello package on greet, call 1 of this scope")); // a scope per call
    }
}
