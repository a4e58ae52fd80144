using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics.Analyzers;
using Ipc.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0007CancellationTokenArgumentTests
{
    [Fact]
    public Task ATokenAfterTheArgumentsOfAnInvokeFires() => Verify.Analyzer<CancellationTokenArgumentAnalyzer>("""
        class App
        {
            async Task Run(IpcRenderer renderer, CancellationToken ct)
            {
                int sum = await renderer.InvokeAsync<int>("add", 1, 2, {|IPC0007:ct|});
                int none = await renderer.InvokeAsync<int>("add", {|IPC0007:ct|});
            }
        }
        """);

    [Fact]
    public Task ATokenAmongTheArgumentsOfAMainToRendererInvokeFires() => Verify.Analyzer<CancellationTokenArgumentAnalyzer>("""
        class App
        {
            async Task Run(IpcMain main, IpcSender sender, CancellationTokenSource cts)
            {
                string? status = await sender.InvokeAsync<string>("status", {|IPC0007:cts.Token|});
                var all = await main.InvokeAllAsync<string>("status", {|IPC0007:cts.Token|}, "verbose");
            }
        }
        """);

    [Fact]
    public Task ATokenAmongTheArgumentsOfAMessageFires() => Verify.Analyzer<CancellationTokenArgumentAnalyzer>("""
        class App
        {
            void Run(IpcMain main, IpcRenderer renderer, CancellationToken ct)
            {
                renderer.Send("asynchronous-message", "ping", {|IPC0007:ct|});
                string? pong = renderer.SendSync<string>("synchronous-message", {|IPC0007:ct|});
                main.On("asynchronous-message", (e, args) =>
                {
                    e.Reply("asynchronous-reply", {|IPC0007:CancellationToken.None|});
                    e.Sender.Send("asynchronous-reply", "pong", {|IPC0007:ct|});
                });
                main.PingPong().SynchronousMessage.On((e, arg) =>
                {
                    e.Reply("asynchronous-reply", {|IPC0007:ct|});
                    e.ReturnValue = arg;
                });
            }
        }
        """);

    [Fact]
    public Task TheMessageSaysWhatTheTokenDoesInstead()
    {
        var test = new IpcAnalyzerTest<CancellationTokenArgumentAnalyzer>("""
            class App
            {
                async Task Run(IpcRenderer renderer, CancellationToken ct)
                {
                    await renderer.InvokeAsync<int>("add", 1, {|#0:ct|});
                    renderer.Send("asynchronous-message", {|#1:ct|});
                }
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.CancellationTokenAmongArguments).WithLocation(0).WithArguments(
            "InvokeAsync", "ct", "it cancels nothing, and the runtime refuses it with ArgumentException; pass it to the overload that takes the arguments as an array and a CancellationToken"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.CancellationTokenAmongArguments).WithLocation(1).WithArguments(
            "Send", "ct", "a message cannot be cancelled, and the runtime refuses the token with ArgumentException; leave it out"));
        return test.RunAsync();
    }

    [Fact]
    public Task TheTokenOverloadIsSilent() => Verify.Analyzer<CancellationTokenArgumentAnalyzer>("""
        class App
        {
            async Task Run(IpcMain main, IpcSender sender, IpcRenderer renderer, CancellationToken ct)
            {
                await renderer.InvokeAsync<int>("add", new object?[] { 1, 2 }, ct);
                await renderer.InvokeAsync<int>("add", args: new object?[] { 1, 2 }, cancellationToken: ct);
                await sender.InvokeAsync<string>("status", Array.Empty<object?>(), ct);
                await main.InvokeAllAsync<string>("status", null, ct);
            }
        }
        """);

    [Fact]
    public Task ATokenInAnArrayTheCodeBuildsIsSilent() => Verify.Analyzer<CancellationTokenArgumentAnalyzer>("""
        class App
        {
            async Task Run(IpcRenderer renderer, CancellationToken ct)
            {
                renderer.Send("asynchronous-message", new object?[] { ct });
                await renderer.InvokeAsync<int>("add", new object?[] { 1, ct });
            }
        }
        """);

    [Fact]
    public Task TokensPassedToOtherMethodsOrAsOtherTypesAreSilent() => Verify.Analyzer<CancellationTokenArgumentAnalyzer>("""
        class App
        {
            static void Log(string format, params object?[] args) { }

            void Run(IpcRenderer renderer, CancellationToken ct)
            {
                Log("{0}", ct);
                renderer.Send("asynchronous-message", ct.IsCancellationRequested, ct.GetHashCode());
                renderer.On("asynchronous-reply", (e, args) => Log("{0}", ct));
            }
        }
        """);
}
