using System.Collections.Immutable;
using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators;
using Ipc.Generators.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Ipc.Analyzers.Tests;

/// <summary>
/// The repository's own sample and test code, compiled in memory with the generator and every analyzer: it must
/// compile and produce no IPC diagnostic other than the informational IPC0005 suggestions (a test that breaks a rule
/// on purpose says so with <c>#pragma warning disable</c>).
/// </summary>
public sealed class RepositoryCodeTests
{
    [Theory]
    [InlineData("samples/PingPong", OutputKind.ConsoleApplication)]
    [InlineData("tests/Ipc.Runtime.Tests", OutputKind.DynamicallyLinkedLibrary)]
    [InlineData("tests/Ipc.CrossProcess.Tests", OutputKind.DynamicallyLinkedLibrary)]
    [InlineData("tests/Ipc.TestRenderer", OutputKind.ConsoleApplication)]
    [InlineData("tests/Ipc.Generators.Tests", OutputKind.DynamicallyLinkedLibrary)]
    public async Task ProjectHasNoIpcWarningsOrErrors(string project, OutputKind outputKind)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        string directory = Path.Combine(RepositoryFiles.Root, project);
        var trees = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(static path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && !path.Contains($"{Path.DirectorySeparatorChar}Snapshots{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}Consumers{Path.DirectorySeparatorChar}"))
            .Concat(LinkedSources(directory))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), parseOptions, path))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "ImplicitUsings.g.cs"))
            .ToList();
        var compilation = CSharpCompilation.Create(
            Path.GetFileName(project),
            trees,
            References(),
            new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        CSharpGeneratorDriver.Create([new IpcChannelGenerator().AsSourceGenerator(), .. SdkGenerators()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation generated, out _);
        ImmutableArray<Diagnostic> diagnostics = await generated
            .WithAnalyzers([new ContractAnalyzer(), new ListenerAnalyzer(), new UntypedChannelAnalyzer(), new CancellationTokenArgumentAnalyzer(), new ContractDirectionAnalyzer()])
            .GetAllDiagnosticsAsync();

        var unexpected = diagnostics
            .Where(static d => d.Severity == DiagnosticSeverity.Error || (d.Id.StartsWith("IPC", StringComparison.Ordinal) && d.Severity >= DiagnosticSeverity.Warning))
            .Select(static d => d.ToString())
            .ToList();
        Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
    }

    /// <summary>
    /// The files a project compiles from outside its folder: its <c>&lt;Compile Include="..\Other\*.cs" Link="…" /&gt;</c>
    /// items (the contracts tests/Ipc.CrossProcess.Tests shares with tests/Ipc.TestRenderer), a file name or a
    /// <c>*</c> pattern in one folder.
    /// </summary>
    private static IEnumerable<string> LinkedSources(string directory)
    {
        string project = Directory.EnumerateFiles(directory, "*.csproj").Single();
        return System.Xml.Linq.XDocument.Load(project).Descendants("Compile")
            .Where(static item => item.Attribute("Link") is not null)
            .Select(static item => item.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))
            .SelectMany(include => Directory.EnumerateFiles(
                Path.GetFullPath(Path.Combine(directory, Path.GetDirectoryName(include)!)),
                Path.GetFileName(include)));
    }

    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Xunit;
        """;

    /// <summary>
    /// The SDK's own System.Text.Json source generator, from the reference pack the test host runs on: the
    /// sample lists its payloads in a JsonSerializerContext, whose members that generator writes.
    /// </summary>
    private static IEnumerable<ISourceGenerator> SdkGenerators()
    {
        string runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!; // …/shared/Microsoft.NETCore.App/<version>
        string dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDirectory, "..", "..", ".."));
        string packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        string pack = Path.Combine(packs, Path.GetFileName(runtimeDirectory));
        if (!Directory.Exists(pack))
        {
            pack = Directory.EnumerateDirectories(packs).OrderBy(static d => Version.TryParse(Path.GetFileName(d), out Version? v) ? v : new Version()).Last();
        }

        string generator = Path.Combine(pack, "analyzers", "dotnet", "cs", "System.Text.Json.SourceGeneration.dll");
        Assert.True(File.Exists(generator), $"No System.Text.Json source generator at {generator}.");
        return new AnalyzerFileReference(generator, new GeneratorAssemblyLoader()).GetGenerators(LanguageNames.CSharp);
    }

    private sealed class GeneratorAssemblyLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }

    /// <summary>The running .NET's assemblies, the runtime, xunit and whatever else the test host has loaded.</summary>
    private static IEnumerable<MetadataReference> References()
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(static path => !Path.GetFileName(path).StartsWith("Ipc.Analyzers.Tests", StringComparison.Ordinal))
            .GroupBy(static path => Path.GetFileName(path), StringComparer.OrdinalIgnoreCase)
            .Select(static group => group.First());
        return paths.Select(static path => MetadataReference.CreateFromFile(path));
    }
}
