using System.Diagnostics;
using Ipc.Benchmarks.Peer;
using Ipc.Benchmarks.RoundTrip;
using Ipc.Benchmarks.Throughput;

namespace Ipc.Benchmarks.Profiling;

/// <summary>
/// <c>--loop &lt;sync|invoke|send&gt; &lt;payload bytes&gt; &lt;seconds&gt; [ipcgen|typed|main|raw|jsonrpc|jsonrpc-msgpack|jsonrpc-nerdbank|grpc]</c>
/// (typed: the generated sender, for send; main: main invoking a renderer; jsonrpc-msgpack and jsonrpc-nerdbank: StreamJsonRpc's two MessagePack formatters,
/// to compare them): runs one cross-process
/// benchmark method in a plain loop, outside BenchmarkDotNet, so that a profiler (perf with
/// DOTNET_PerfMapEnabled=1) can sample this process and its peer. Prints the peer's process id first, and at the end
/// the bytes this process allocated per operation: on the looping thread, and in all (its connection's threads too).
/// </summary>
internal static class LoopRunner
{
    public static async Task RunAsync(string[] args)
    {
        string scenario = args[0];
        int payload = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
        TimeSpan duration = TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
        string kind = args.Length > 3 ? args[3] : "ipcgen";
        Func<Task> iteration;
        Action cleanup;
        switch (scenario)
        {
            case "sync":
            {
                var suite = new SyncRoundTripBenchmarks { PayloadBytes = payload, MessagePackFormat = MessagePackFormat(kind) };
                Setup(kind, suite.SetupIpcGen, suite.SetupRaw, suite.SetupJsonRpc, suite.SetupJsonRpcMessagePack, suite.SetupGrpc);
                iteration = kind switch
                {
                    "raw" => () => { suite.RawSocket(); return Task.CompletedTask; },
                    "jsonrpc" => suite.StreamJsonRpcInvoke,
                    "jsonrpc-msgpack" or "jsonrpc-nerdbank" => suite.StreamJsonRpcMessagePackInvoke,
                    "grpc" => () => { suite.GrpcUnary(); return Task.CompletedTask; },
                    _ => () => { suite.IpcGenSendSync(); return Task.CompletedTask; },
                };
                cleanup = suite.Cleanup;
                break;
            }

            case "invoke":
            {
                var suite = new InvokeRoundTripBenchmarks { PayloadBytes = payload, MessagePackFormat = MessagePackFormat(kind) };
                Setup(kind, kind == "main" ? suite.SetupIpcGenMainToRenderer : suite.SetupIpcGen, suite.SetupRaw, suite.SetupJsonRpc, suite.SetupJsonRpcMessagePack, suite.SetupGrpc);
                iteration = kind switch
                {
                    "main" => suite.IpcGenMainInvoke,
                    "raw" => suite.RawSocketAsync,
                    "jsonrpc" => suite.StreamJsonRpcInvoke,
                    "jsonrpc-msgpack" or "jsonrpc-nerdbank" => suite.StreamJsonRpcMessagePackInvoke,
                    "grpc" => suite.GrpcUnaryAsync,
                    _ => suite.IpcGenInvoke,
                };
                cleanup = suite.Cleanup;
                break;
            }

            default:
            {
                var suite = new AsyncThroughputBenchmarks { PayloadBytes = payload, MessagePackFormat = MessagePackFormat(kind) };
                Setup(kind == "typed" ? "ipcgen" : kind, kind == "typed" ? suite.SetupIpcGenTyped : suite.SetupIpcGen, suite.SetupRaw, suite.SetupJsonRpc, suite.SetupJsonRpcMessagePack, suite.SetupGrpc);
                iteration = kind switch
                {
                    "raw" => () => { suite.RawSocket(); return Task.CompletedTask; },
                    "typed" => () => { suite.IpcGenTypedSend(); return Task.CompletedTask; },
                    "jsonrpc" => suite.StreamJsonRpcNotify,
                    "jsonrpc-msgpack" or "jsonrpc-nerdbank" => suite.StreamJsonRpcMessagePackNotify,
                    "grpc" => suite.GrpcClientStream,
                    _ => () => { suite.IpcGenSend(); return Task.CompletedTask; },
                };
                cleanup = suite.Cleanup;
                break;
            }
        }

        Console.WriteLine($"bench pid {Environment.ProcessId}");
        long count = 0;
        long threadAllocated = GC.GetAllocatedBytesForCurrentThread();
        long totalAllocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            await iteration().ConfigureAwait(false);
            count++;
        }

        Console.WriteLine($"{scenario} {kind} {payload} B: {count} operations in {watch.Elapsed.TotalSeconds:N1} s, {watch.Elapsed.TotalMilliseconds * 1000 / count:N1} µs/op");
        Console.WriteLine($"allocated per op: {(double)(GC.GetAllocatedBytesForCurrentThread() - threadAllocated) / count:N1} B on the looping thread (exact only when no iteration awaits), {(double)(GC.GetTotalAllocatedBytes(precise: true) - totalAllocated) / count:N1} B in the process");
        cleanup();
    }

    private static void Setup(string kind, Action ipcGen, Action raw, Action jsonRpc, Action jsonRpcMessagePack, Action grpc)
    {
        (kind switch
        {
            "raw" => raw,
            "jsonrpc" => jsonRpc,
            "jsonrpc-msgpack" or "jsonrpc-nerdbank" => jsonRpcMessagePack,
            "grpc" => grpc,
            _ => ipcGen,
        })();
    }

    private static JsonRpcFormat MessagePackFormat(string kind) =>
        kind == "jsonrpc-nerdbank" ? JsonRpcFormat.NerdbankMessagePack : JsonRpcFormat.MessagePack;
}
