using System.Collections.Immutable;
using Ipc.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ipc.Generators.Tests.Infrastructure;

/// <summary>Compiles test sources against the runtime and runs <see cref="IpcChannelGenerator"/> over them.</summary>
internal static class GeneratorHarness
{
    /// <summary>Documentation is diagnosed so that missing or broken XML docs in generated code show up as warnings.</summary>
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(LoadReferences);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Contracts",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Contract{i}.cs")),
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

    /// <summary>A driver that records every tracked step, for the incrementality tests; <paramref name="properties"/> are the project's build properties.</summary>
    public static GeneratorDriver CreateDriver(BuildProperties? properties = null) =>
        CSharpGeneratorDriver.Create(
            [new IpcChannelGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            optionsProvider: properties,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the generated files (by hint name) and the diagnostics of the whole resulting compilation.</summary>
    public static GeneratorOutcome Run(params string[] sources) => Run(properties: null, sources);

    /// <summary>Runs the generator in a project with <paramref name="properties"/>.</summary>
    public static GeneratorOutcome Run(BuildProperties? properties, params string[] sources)
    {
        CSharpCompilation compilation = CreateCompilation(sources);
        GeneratorDriver driver = CreateDriver(properties).RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return new GeneratorOutcome(
            result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            generatorDiagnostics.AddRange(output.GetDiagnostics()));
    }

    /// <summary>Runs the generator, compiles the result and loads it; fails on any problem.</summary>
    public static System.Reflection.Assembly CompileAndLoad(params string[] sources)
    {
        CreateDriver().RunGeneratorsAndUpdateCompilation(CreateCompilation(sources), out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        new GeneratorOutcome(new Dictionary<string, string>(), diagnostics.AddRange(output.GetDiagnostics())).AssertNoProblems();
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        return System.Reflection.Assembly.Load(image.ToArray());
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The framework assemblies the test host runs on, plus the runtime the generated code calls.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return
        [
            .. trusted
                .Where(path => Path.GetDirectoryName(path) == frameworkDirectory)
                .Select(path => MetadataReference.CreateFromFile(path)),
            MetadataReference.CreateFromFile(typeof(Ipc.IpcMain).Assembly.Location),
        ];
    }
}

/// <summary>What a generator run produced.</summary>
internal sealed record GeneratorOutcome(IReadOnlyDictionary<string, string> Sources, ImmutableArray<Diagnostic> Diagnostics)
{
    /// <summary>
    /// Warnings and errors, except missing docs in the test's own contract source (the contracts in tests
    /// are terse; the generated code is held to the full rule).
    /// </summary>
    public IEnumerable<Diagnostic> Problems =>
        Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && !(d.Id == "CS1591" && !IsGenerated(d)));

    /// <summary>Fails with every problem spelled out in full.</summary>
    public void AssertNoProblems()
    {
        string[] problems = Problems.Select(d => d.ToString()).ToArray();
        Assert.True(problems.Length == 0, "Unexpected diagnostics:\n" + string.Join("\n", problems));
    }

    private static bool IsGenerated(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true;
}
