using System.IO.Compression;
using System.Xml.Linq;

namespace Ipc.Package.Tests.Infrastructure;

/// <summary>
/// IpcGen packed once for the whole test run into a temporary local feed, under a version no earlier run
/// used, so that the NuGet global packages folder can never hand a consumer a stale copy.
/// </summary>
public sealed class PackedPackage : IAsyncLifetime
{
#if DEBUG
    /// <summary>The configuration these tests were built in, and so the one the packed projects were built in.</summary>
    public const string Configuration = "Debug";
#else
    /// <summary>The configuration these tests were built in, and so the one the packed projects were built in.</summary>
    public const string Configuration = "Release";
#endif

    public const string PackageId = "IpcGen";

    public const string HostingPackageId = "IpcGen.Hosting";

    /// <summary>Fixed zip timestamps (SOURCE_DATE_EPOCH, honoured by NuGet's deterministic pack): equal inputs give equal bytes.</summary>
    public static readonly IReadOnlyDictionary<string, string> PackEnvironment = new Dictionary<string, string> { ["SOURCE_DATE_EPOCH"] = "1767225600" };

    public static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(3);

    public string RepositoryRoot { get; } = FindRepositoryRoot();

    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.p{Environment.ProcessId}";

    /// <summary>A fresh directory for everything this run writes; deleted at the end.</summary>
    public string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), $"ipcgen-package-tests-{Guid.NewGuid():N}");

    public string FeedDirectory => Path.Combine(WorkDirectory, "feed");

    public string PackagePath => Path.Combine(FeedDirectory, $"{PackageId}.{Version}.nupkg");

    public string RuntimeProjectPath => Path.Combine(RepositoryRoot, "src", "Ipc.Runtime", "Ipc.Runtime.csproj");

    public string HostingProjectPath => Path.Combine(RepositoryRoot, "src", "Ipc.Hosting", "Ipc.Hosting.csproj");

    public string HostingPackagePath => Path.Combine(FeedDirectory, $"{HostingPackageId}.{Version}.nupkg");

    public CommandResult HostingPackResult { get; private set; } = null!;

    public CommandResult PackResult { get; private set; } = null!;

    private readonly Dictionary<string, Task<BuiltConsumer>> _builtConsumers = new(StringComparer.Ordinal);

    /// <summary>Creates and builds Consumers/<paramref name="name"/> the first time it is asked for; later calls share that build.</summary>
    internal Task<BuiltConsumer> BuildConsumerOnceAsync(string name)
    {
        lock (_builtConsumers)
        {
            if (!_builtConsumers.TryGetValue(name, out Task<BuiltConsumer>? built))
            {
                built = BuildAsync();
                _builtConsumers.Add(name, built);
            }

            return built;
        }

        async Task<BuiltConsumer> BuildAsync()
        {
            ConsumerProject consumer = await ConsumerProject.CreateAsync(this, name);
            return new BuiltConsumer(consumer, await consumer.BuildAsync());
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        // Consumers below WorkDirectory must not pick up build settings from whatever lies above it.
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Build.targets"), "<Project />\n");
        File.WriteAllText(Path.Combine(WorkDirectory, "Directory.Packages.props"), "<Project />\n");

        PackResult = await PackAsync(FeedDirectory);
        HostingPackResult = await PackAsync(HostingProjectPath, FeedDirectory);
    }

    /// <summary>
    /// Packs without building: the projects were built with these tests (the test project references them),
    /// and building again here would race with the rest of the solution's test run.
    /// </summary>
    public Task<CommandResult> PackAsync(string outputDirectory) => PackAsync(RuntimeProjectPath, outputDirectory);

    /// <summary>Packs <paramref name="project"/> (built already) under this run's version.</summary>
    public Task<CommandResult> PackAsync(string project, string outputDirectory) =>
        DotnetCli.RunAsync(
            RepositoryRoot,
            PackTimeout,
            PackEnvironment,
            "pack", project, "--configuration", Configuration, "--no-build", "--output", outputDirectory, $"-p:Version={Version}");

    /// <summary>The nupkg, or a failure carrying the pack output.</summary>
    public ZipArchive OpenPackage()
    {
        Assert.True(PackResult.Succeeded && File.Exists(PackagePath), $"dotnet pack did not produce {PackagePath}:\n{PackResult}");
        return ZipFile.OpenRead(PackagePath);
    }

    public XElement ReadNuspecMetadata()
    {
        using ZipArchive package = OpenPackage();
        ZipArchiveEntry nuspec = Assert.Single(package.Entries, e => e.FullName == $"{PackageId}.nuspec");
        using Stream stream = nuspec.Open();
        XElement root = XElement.Load(stream);
        return root.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    public Task DisposeAsync()
    {
        DeleteDirectory(WorkDirectory);
        // The consumers' restores extracted this version into the global packages folder; no later run asks for it.
        foreach (string id in new[] { PackageId, HostingPackageId })
        {
            string extracted = Path.Combine(GlobalPackagesFolder(), id.ToLowerInvariant());
            DeleteDirectory(Path.Combine(extracted, Version.ToLowerInvariant()));
            try
            {
                Directory.Delete(extracted, recursive: false); // only if no other version is there
            }
            catch (IOException)
            {
            }
        }

        return Task.CompletedTask;
    }

    private static string GlobalPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void DeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temporary directory must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IpcGen.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No IpcGen.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Every test that packs or consumes shares one pack and runs one at a time (each build takes both cores).</summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackedPackage>
{
    public const string Name = "IpcGen package";
}
