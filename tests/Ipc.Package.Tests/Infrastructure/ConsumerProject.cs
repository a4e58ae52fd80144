namespace Ipc.Package.Tests.Infrastructure;

/// <summary>
/// A copy of one of Consumers/* in the run's temporary directory: a fresh project that gets IpcGen the way a
/// user does, `dotnet add package IpcGen`, pinned to the version under test and restored from the local feed
/// (every other package from the machine's usual sources).
/// </summary>
internal sealed class ConsumerProject
{
    private static readonly TimeSpan RestoreTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(1);

    private ConsumerProject(string name, string directory)
    {
        Name = name;
        Directory = directory;
    }

    public string Name { get; }

    public string Directory { get; }

    public const string BuildConfiguration = "Debug";

    /// <summary>
    /// Copies Consumers/<paramref name="name"/>, adds <paramref name="extraFiles"/>, and installs the package, then
    /// <paramref name="morePackages"/> (an id, and a version or null for this run's version of an IpcGen package).
    /// </summary>
    public static async Task<ConsumerProject> CreateAsync(PackedPackage package, string name, IReadOnlyDictionary<string, string>? extraFiles = null, IReadOnlyList<(string Id, string? Version)>? morePackages = null)
    {
        string source = Path.Combine(AppContext.BaseDirectory, "Consumers", name);
        string directory = Path.Combine(package.WorkDirectory, "consumers", name);
        CopyDirectory(source, directory);
        foreach ((string fileName, string content) in extraFiles ?? new Dictionary<string, string>())
        {
            File.WriteAllText(Path.Combine(directory, fileName), content);
        }

        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ipcgen-under-test" value="{package.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);

        var consumer = new ConsumerProject(name, directory);
        foreach ((string id, string? version) in new[] { (PackedPackage.PackageId, (string?)null) }.Concat(morePackages ?? []))
        {
            CommandResult install = await DotnetCli.RunAsync(directory, RestoreTimeout, "add", "package", id, "--version", version ?? package.Version);
            Assert.True(install.Succeeded, $"Installing {id} failed:\n{install}");
        }

        return consumer;
    }

    public Task<CommandResult> BuildAsync() =>
        DotnetCli.RunAsync(Directory, BuildTimeout, "build", "--no-restore", "--configuration", BuildConfiguration);

    public Task<CommandResult> RunAsync() =>
        DotnetCli.RunAsync(Directory, RunTimeout, "exec", Path.Combine(Directory, "bin", BuildConfiguration, "net10.0", $"{Name}.dll"));

    private static void CopyDirectory(string source, string destination)
    {
        Assert.True(System.IO.Directory.Exists(source), $"Missing consumer template {source}");
        System.IO.Directory.CreateDirectory(destination);
        foreach (string file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(destination, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}

/// <summary>A consumer project and the output of its build.</summary>
internal sealed record BuiltConsumer(ConsumerProject Project, CommandResult Build);
