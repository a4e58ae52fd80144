// Entry point: BenchmarkDotNet's switcher, plus --quick for the short mode (see docs/benchmarks.md).
using BenchmarkDotNet.Running;
using Ipc.Benchmarks.Generator;
using Ipc.Benchmarks.Infrastructure;
using Ipc.Benchmarks.Profiling;

if (args.Length > 0 && args[0] == "--loop")
{
    await LoopRunner.RunAsync(args[1..]);
    return;
}

if (args.Length > 1 && args[0] == "--handoffs")
{
    HandoffExperiment.Run(double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
    return;
}

if (args.Length > 0 && args[0] == "--web")
{
    await Ipc.Benchmarks.Web.WebRendererBenchmark.RunAsync(args[1..]);
    return;
}

if (args.Contains("--probe-generator"))
{
    GeneratorProbe.Run();
    return;
}

bool quick = args.Contains("--quick");
string[] rest = args.Where(a => a != "--quick").ToArray();
if (quick && !rest.Contains("--filter"))
{
    rest = [.. rest, "--filter", "*"];
}

BenchmarkSwitcher.FromAssembly(typeof(BenchConfig).Assembly).Run(rest, BenchConfig.Create(quick));
