using Ipc.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Ipc.Package.Tests;

/// <summary>
/// A project that installs IpcGen and sets <c>IpcGenTypeScriptOutputPath</c> gets its contracts' client modules
/// written on every build, and rewritten only when they change.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TypeScriptModuleTests(PackedPackage package, ITestOutputHelper output)
{
    private static readonly DateTime LongAgo = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly string[] ModuleFiles = ["PingPong.js", "PingPong.ts", "PingPongReplies.js", "PingPongReplies.ts"];

    [Fact]
    public async Task TheBuildWritesEachModuleOnceAndAgainOnlyWhenItsContractChanges()
    {
        ConsumerProject consumer = await ConsumerProject.CreateAsync(package, "TypeScriptModules");
        string folder = Path.Combine(consumer.Directory, "wwwroot", "generated");

        await BuildAsync(consumer);
        Assert.Equal(ModuleFiles, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        string pingPong = await File.ReadAllTextAsync(Path.Combine(folder, "PingPong.ts"));
        Assert.Contains("export function pingPong(ipc: IpcRendererLike): PingPongToMain {", pingPong, StringComparison.Ordinal);
        Assert.Contains("greet(name: string, options?: IpcInvokeOptions): Promise<Greeting>;", pingPong, StringComparison.Ordinal);
        Assert.Contains("export function pingPong(ipc) {", await File.ReadAllTextAsync(Path.Combine(folder, "PingPong.js")), StringComparison.Ordinal);

        // Nothing changed: no module is written again, whether or not the compiler ran.
        foreach (string file in ModuleFiles)
        {
            File.SetLastWriteTimeUtc(Path.Combine(folder, file), LongAgo);
        }

        await BuildAsync(consumer);
        Assert.All(ModuleFiles, file => Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(Path.Combine(folder, file))));

        // A build that compiles nothing still puts back a module that was deleted.
        File.Delete(Path.Combine(folder, "PingPongReplies.ts"));
        await BuildAsync(consumer);
        Assert.Contains("export function pingPongReplies(ipc: IpcRendererLike)", await File.ReadAllTextAsync(Path.Combine(folder, "PingPongReplies.ts")), StringComparison.Ordinal);

        // A changed contract rewrites its modules and leaves the other contract's alone.
        string contracts = Path.Combine(consumer.Directory, "Contracts.cs");
        await File.WriteAllTextAsync(contracts, (await File.ReadAllTextAsync(contracts)).Replace("void AsynchronousMessage(string arg);", "void AsynchronousMessage(string arg, bool urgent);", StringComparison.Ordinal));
        await BuildAsync(consumer);
        Assert.Contains("asynchronousMessage(arg: string, urgent: boolean): void;", await File.ReadAllTextAsync(Path.Combine(folder, "PingPong.ts")), StringComparison.Ordinal);
        Assert.NotEqual(LongAgo, File.GetLastWriteTimeUtc(Path.Combine(folder, "PingPong.ts")));
        Assert.NotEqual(LongAgo, File.GetLastWriteTimeUtc(Path.Combine(folder, "PingPong.js")));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(Path.Combine(folder, "PingPongReplies.js")));
    }

    private async Task BuildAsync(ConsumerProject consumer)
    {
        CommandResult build = await consumer.BuildAsync();
        output.WriteLine(build.ToString());
        Assert.True(build.Succeeded, $"The consumer did not build:\n{build}");
        Assert.Matches(@"(?m)^\s*0 Warning\(s\)", build.Output);
    }
}
