using BenchmarkDotNet.Attributes;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ipc.Benchmarks.Generator;

/// <summary>
/// Suite 5: the <c>[IpcChannel]</c> generator on 1,000 contracts × 10 members. Compiling the contracts
/// without the generator (the baseline) against: one full generator run on a fresh compilation; the same
/// compilation built with the generator (run + emit of contracts and generated code); and a re-run of a
/// warm driver after an unrelated edit, as an IDE does on every keystroke. Files are parsed once, in setup.
/// Each operation takes seconds, so five iterations after one warm-up are enough in either mode.
/// </summary>
[BenchmarkCategory("5-generator")]
[WarmupCount(1)]
[IterationCount(5)]
public class GeneratorBenchmarks
{
    private List<SyntaxTree> _trees = null!;
    private List<MetadataReference> _references = null!;
    private SyntaxTree[] _unrelated = null!;
    private GeneratorDriver _warmDriver = null!;
    private CSharpCompilation _current = null!;
    private int _version;

    [GlobalSetup]
    public void Setup()
    {
        _trees = ContractCorpus.ParseContracts();
        _unrelated = [ContractCorpus.Unrelated(0), ContractCorpus.Unrelated(1)];
        _trees.Add(_unrelated[0]);
        _references = ContractCorpus.References();

        CSharpCompilation compilation = NewCompilation();
        CheckNoErrors(compilation.GetDiagnostics(), "the contracts");

        // The generated code's own compile errors surface in CompileWithGenerator, whose Emit checks them.
        GeneratorDriver driver = NewDriver(trackSteps: true).RunGenerators(compilation);
        int generated = driver.GetRunResult().GeneratedTrees.Length;
        if (generated != ContractCorpus.ContractCount)
        {
            throw new InvalidOperationException($"Expected {ContractCorpus.ContractCount} generated files, got {generated}.");
        }

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(_unrelated[0], _unrelated[1]);
        GeneratorRunResult rerun = driver.RunGenerators(edited).GetRunResult().Results[0];
        var reasons = rerun.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs).GroupBy(o => o.Reason).ToDictionary(g => g.Key, g => g.Count());
        Console.WriteLine("// Generator outputs after an unrelated edit: " + string.Join(", ", reasons.Select(r => $"{r.Key}={r.Value}")));

        _warmDriver = NewDriver(trackSteps: false).RunGenerators(compilation);
        _current = compilation;
    }

    [Benchmark(Baseline = true, Description = "Compile contracts, no generator")]
    public long CompileWithoutGenerator() => Emit(NewCompilation());

    [Benchmark(Description = "Generator: one full run")]
    public int GeneratorFullRun() => NewDriver(trackSteps: false).RunGenerators(NewCompilation()).GetRunResult().GeneratedTrees.Length;

    /// <summary>Long (about 40× the baseline here): left out of quick mode.</summary>
    [Benchmark(Description = "Compile contracts with generator")]
    [BenchmarkCategory(BenchConfig.FullOnlyCategory)]
    public long CompileWithGenerator()
    {
        NewDriver(trackSteps: false).RunGeneratorsAndUpdateCompilation(NewCompilation(), out Compilation output, out _);
        return Emit(output);
    }

    [Benchmark(Description = "Generator: re-run after unrelated edit")]
    public int GeneratorRerunAfterUnrelatedEdit()
    {
        int next = 1 - _version;
        _current = _current.ReplaceSyntaxTree(_unrelated[_version], _unrelated[next]);
        _version = next;
        _warmDriver = _warmDriver.RunGenerators(_current);
        return _warmDriver.GetRunResult().GeneratedTrees.Length;
    }

    /// <summary>For <see cref="GeneratorProbe"/>: the compilation with the generated code, not emitted.</summary>
    internal Compilation RunAndUpdate()
    {
        NewDriver(trackSteps: false).RunGeneratorsAndUpdateCompilation(NewCompilation(), out Compilation output, out _);
        return output;
    }

    private static GeneratorDriver NewDriver(bool trackSteps) =>
        CSharpGeneratorDriver.Create(
            [new IpcChannelGenerator().AsSourceGenerator()],
            parseOptions: ContractCorpus.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static long Emit(Compilation compilation)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
        if (!result.Success)
        {
            CheckNoErrors(result.Diagnostics, "the emitted assembly");
        }

        return stream.Length;
    }

    private static void CheckNoErrors(IEnumerable<Diagnostic> diagnostics, string what)
    {
        Diagnostic[] errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException($"Compiling {what} failed: " + string.Join(Environment.NewLine, errors.Select(e => e.ToString())));
        }
    }

    private CSharpCompilation NewCompilation() =>
        CSharpCompilation.Create("Bench.Contracts", _trees, _references, ContractCorpus.CompilationOptions);
}
