using System.IO.Compression;
using System.Xml.Linq;
using Ipc.Package.Tests.Infrastructure;

namespace Ipc.Package.Tests;

/// <summary>What `dotnet pack` puts in IpcGen.nupkg, read straight from the archive.</summary>
[Collection(PackageCollection.Name)]
public sealed class PackageLayoutTests(PackedPackage package)
{
    [Fact]
    public void LibHoldsTheRuntimeAndItsXmlDocsForNet8()
    {
        using ZipArchive nupkg = package.OpenPackage();

        string[] lib = EntriesUnder(nupkg, "lib/");

        Assert.Equal(["lib/net8.0/Ipc.Runtime.dll", "lib/net8.0/Ipc.Runtime.xml"], lib);
    }

    [Fact]
    public void AnalyzersFolderHoldsTheGeneratorAndTheCodeFixesAndNothingElse()
    {
        using ZipArchive nupkg = package.OpenPackage();
        string[] analyzers = EntriesUnder(nupkg, "analyzers/");

        // Roslyn's own assemblies in particular stay out: the compiler or IDE loading the analyzers provides them.
        Assert.Equal(["analyzers/dotnet/cs/Ipc.CodeFixes.dll", "analyzers/dotnet/cs/Ipc.Generators.dll"], analyzers);
    }

    [Fact]
    public void GeneratorAssemblyHoldsTheGeneratorAndTheAnalyzers()
    {
        AssemblyInspector generator = Inspect("analyzers/dotnet/cs/Ipc.Generators.dll");

        Assert.Contains("GeneratorAttribute", generator.TypeAttributeNames);
        Assert.Contains("DiagnosticAnalyzerAttribute", generator.TypeAttributeNames);
    }

    [Fact]
    public void CodeFixAssemblyHoldsCodeFixProviders()
    {
        AssemblyInspector codeFixes = Inspect("analyzers/dotnet/cs/Ipc.CodeFixes.dll");

        Assert.Contains("ExportCodeFixProviderAttribute", codeFixes.TypeAttributeNames);
    }

    [Fact]
    public void AnalyzerAssembliesNeedNoRoslynNewerThanTheSdk8Compiler()
    {
        using ZipArchive nupkg = package.OpenPackage();
        foreach (ZipArchiveEntry entry in nupkg.Entries.Where(e => e.FullName.StartsWith("analyzers/", StringComparison.Ordinal)))
        {
            using Stream stream = entry.Open();
            AssemblyInspector component = AssemblyInspector.Read(stream);

            // Roslyn 4.8 is the compiler of the .NET 8.0.1xx SDK: a newer reference would not load there.
            foreach ((string name, Version version) in component.References.Where(r => r.Key.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
            {
                Assert.True(version <= new Version(4, 8, 0, 0), $"{entry.FullName} references {name} {version}.");
            }
        }
    }

    [Fact]
    public void NothingButRuntimeAnalyzersBuildFilesTheJavaScriptClientAndReadmeIsShipped()
    {
        using ZipArchive nupkg = package.OpenPackage();

        string[] payload = nupkg.Entries
            .Select(e => e.FullName)
            .Where(name => !IsPackagingPart(name))
            .Where(name => !name.StartsWith("lib/", StringComparison.Ordinal) && !name.StartsWith("analyzers/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(
            ["README.md", "build/IpcGen.props", "build/IpcGen.targets", "buildTransitive/IpcGen.props", "buildTransitive/IpcGen.targets", "js/ipc-renderer.d.ts", "js/ipc-renderer.js"],
            payload);
    }

    [Fact]
    public void MetadataNamesThePackageItsLicenseReadmeTagsAndRepository()
    {
        XElement metadata = package.ReadNuspecMetadata();

        Assert.Equal("IpcGen", Value(metadata, "id"));
        Assert.Equal(package.Version, Value(metadata, "version"));
        XElement license = Element(metadata, "license");
        Assert.Equal(("expression", "MIT"), ((string?)license.Attribute("type"), license.Value));
        Assert.Equal("README.md", Value(metadata, "readme"));
        Assert.Contains("ipcRenderer", Value(metadata, "description"), StringComparison.Ordinal);
        Assert.Contains("ipc", Value(metadata, "tags").Split(' '));
        Assert.Equal("git", (string?)Element(metadata, "repository").Attribute("type"));

        using ZipArchive nupkg = package.OpenPackage();
        using var readme = new StreamReader(nupkg.GetEntry("README.md")!.Open());
        Assert.Equal(File.ReadAllText(Path.Combine(package.RepositoryRoot, "README.md")), readme.ReadToEnd());
    }

    [Fact]
    public void TheOnlyDependencyIsLoggingAbstractions()
    {
        XElement metadata = package.ReadNuspecMetadata();

        string[] dependencies = metadata.Descendants()
            .Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!)
            .Distinct()
            .ToArray();

        // No Microsoft.CodeAnalysis.*: the generator's and the code fixes' Roslyn references are private.
        Assert.Equal(["Microsoft.Extensions.Logging.Abstractions"], dependencies);
    }

    [Fact]
    public async Task PackingTheSameBuildTwiceGivesTheSameBytes()
    {
        string again = Path.Combine(package.WorkDirectory, "feed-again");

        CommandResult pack = await package.PackAsync(again);

        Assert.True(pack.Succeeded, pack.ToString());
        Assert.Equal(
            await File.ReadAllBytesAsync(package.PackagePath),
            await File.ReadAllBytesAsync(Path.Combine(again, Path.GetFileName(package.PackagePath))));
    }

    private AssemblyInspector Inspect(string entryName)
    {
        using ZipArchive nupkg = package.OpenPackage();
        ZipArchiveEntry entry = nupkg.GetEntry(entryName) ?? throw new Xunit.Sdk.XunitException($"The package has no {entryName}.");
        using Stream stream = entry.Open();
        return AssemblyInspector.Read(stream);
    }

    private static string[] EntriesUnder(ZipArchive nupkg, string prefix) =>
        nupkg.Entries.Select(e => e.FullName).Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();

    private static bool IsPackagingPart(string name) =>
        name is "[Content_Types].xml" or "IpcGen.nuspec"
        || name.StartsWith("_rels/", StringComparison.Ordinal)
        || name.StartsWith("package/", StringComparison.Ordinal);

    private static XElement Element(XElement metadata, string name) =>
        metadata.Elements().SingleOrDefault(e => e.Name.LocalName == name) ?? throw new Xunit.Sdk.XunitException($"The nuspec has no <{name}>:\n{metadata}");

    private static string Value(XElement metadata, string name) => Element(metadata, name).Value;
}
