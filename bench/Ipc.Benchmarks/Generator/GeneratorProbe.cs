using System.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Ipc.Benchmarks.Generator;

/// <summary>
/// <c>--probe-generator</c>: times each stage of the generator suite once, with a stopwatch, outside
/// BenchmarkDotNet — a quick way to see where compile time goes and how it grows with the contract count.
/// </summary>
internal static class GeneratorProbe
{
    public static void Run()
    {
        var suite = new GeneratorBenchmarks();
        Time("setup (parse, first run, checks)", suite.Setup);
        for (int round = 0; round < 2; round++)
        {
            Time("compile without generator", () => suite.CompileWithoutGenerator());
            Time("generator full run", () => suite.GeneratorFullRun());
            Time("compile with generator", () => suite.CompileWithGenerator());
            Time("re-run after unrelated edit", () => suite.GeneratorRerunAfterUnrelatedEdit());
        }

        Compilation? output = null;
        Time("  with generator: run + update", () => output = suite.RunAndUpdate());
        Time("  with generator: declaration diagnostics", () => output!.GetDeclarationDiagnostics());
        Time("  with generator: method body diagnostics", () => output!.GetMethodBodyDiagnostics());
        Time("  with generator: emit", () => output!.Emit(new MemoryStream()));
    }

    private static void Time(string what, Action action)
    {
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        Console.WriteLine($"{what,-36} {watch.Elapsed.TotalMilliseconds,10:N0} ms {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0,10:N0} MiB allocated  ({ContractCorpus.ContractCount} contracts)");
    }
}
