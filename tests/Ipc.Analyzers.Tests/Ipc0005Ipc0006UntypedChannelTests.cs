using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics.Analyzers;
using Ipc.Generators.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0005Ipc0006UntypedChannelTests
{
    [Fact]
    public Task Ipc0005_MainListenersAndHandlersOnTypedChannelsFire() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.On({|IPC0005:"asynchronous-message"|}, (e, args) => Console.WriteLine(args.Count));
                main.Once({|IPC0005:"synchronous-message"|}, (e, args) => e.ReturnValue = "pong");
                main.Handle({|IPC0005:"add"|}, (e, args) => Task.FromResult<object?>(args.Get<int>(0) + args.Get<int>(1)));
            }
        }
        """);

    [Fact]
    public Task Ipc0005_RendererCallsOnTypedChannelsFire() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            async Task Run(IpcRenderer renderer)
            {
                renderer.Send({|IPC0005:"custom:name"|}, "text");
                string? pong = renderer.SendSync<string>({|IPC0005:"synchronous-message"|}, "ping");
                int sum = await renderer.InvokeAsync<int>({|IPC0005:"add"|}, 1, 2);
                renderer.On({|IPC0005:"asynchronous-reply"|}, (e, args) => Console.WriteLine(args.Count));
            }
        }
        """);

    [Fact]
    public Task Ipc0005_MainToRendererSendsFire() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.On({|IPC0005:"asynchronous-message"|}, (e, args) =>
                {
                    e.Sender.Send({|IPC0005:"asynchronous-reply"|}, "pong");
                    e.Reply({|IPC0005:"asynchronous-reply"|}, "pong");
                });
            }
        }
        """);

    [Fact]
    public Task Ipc0005_MainToRendererInvocationsAndRendererHandlersFire() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            async Task Run(IpcMain main, IpcSender sender, IpcRenderer renderer)
            {
                renderer.Handle({|IPC0005:"status"|}, (e, args) => Task.FromResult<object?>("ready"));
                renderer.HandleOnce({|IPC0005:"status"|}, (e, args) => Task.FromResult<object?>("ready"));
                string? status = await sender.InvokeAsync<string>({|IPC0005:"status"|});
                IReadOnlyList<IpcRendererResult<string>> all = await main.InvokeAllAsync<string>({|IPC0005:"status"|}, Array.Empty<object?>(), CancellationToken.None);
            }
        }
        """);

    [Fact]
    public Task Ipc0005_InvocationsInTheOtherDirectionAreSilent() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            async Task Run(IpcMain main, IpcSender sender, IpcRenderer renderer)
            {
                renderer.Handle("add", (e, args) => Task.FromResult<object?>(0));
                await sender.InvokeAsync<int>("add", 1, 2);
                await main.InvokeAllAsync<int>("add", 1, 2);
                main.Handle("status", (e, args) => Task.FromResult<object?>("ready"));
                await renderer.InvokeAsync<string>("status");
            }
        }
        """);

    [Fact]
    public Task Ipc0005_ChannelsNoContractDeclaresAreSilent() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            void Register(IpcMain main, IpcRenderer renderer, string dynamicName)
            {
                main.On("not-declared", (e, args) => { });
                main.On(dynamicName, (e, args) => { });
                renderer.Send("asynchronous-reply", "wrong direction");
                renderer.On("asynchronous-message", (e, args) => { });
                main.RemoveAllListeners("asynchronous-message");
            }
        }
        """);

    [Fact]
    public Task Ipc0005_InvalidOrUngeneratedContractsAreSilent() => Verify.AnalyzerWithoutContracts<UntypedChannelAnalyzer>("""
        [IpcChannel]
        public interface IBroken { void Ping<T>(T value); string Pong(out int x); }

        class App
        {
            void Register(IpcMain main)
            {
                main.On("ping", (e, args) => { });
                main.On("pong", (e, args) => e.ReturnValue = "x");
            }
        }
        """);

    [Fact]
    public Task Ipc0005_AmbiguousChannelNamesAreSilent() => Verify.AnalyzerWithoutContracts<UntypedChannelAnalyzer>("""
        [IpcChannel]
        public interface IFirst { void Ping(string text); }

        [IpcChannel]
        public interface ISecond { [IpcChannelName("ping")] void Other(string text); }

        class App
        {
            void Register(IpcMain main) => main.On("ping", (e, args) => { });
        }
        """);

    [Fact]
    public Task Ipc0006_InvokeAsyncOnMessageChannelsFires() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            async Task Run(IpcRenderer renderer, CancellationToken ct)
            {
                await renderer.InvokeAsync<object>({|IPC0006:"asynchronous-message"|}, "ping");
                await renderer.InvokeAsync<string>({|IPC0006:"synchronous-message"|}, new object?[] { "ping" }, ct);
                await renderer.InvokeAsync<int>({|IPC0006:"count"|}, 1, 2);
            }
        }
        """);

    [Fact]
    public Task Ipc0006_SendOrSendSyncOnInvokeChannelsFires() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            void Run(IpcRenderer renderer)
            {
                renderer.Send({|IPC0006:"add"|}, 1, 2);
                int sum = renderer.SendSync<int>({|IPC0006:"add"|}, 1, 2);
                const string Add = "add";
                renderer.Send({|IPC0006:Add|});
            }
        }
        """);

    [Fact]
    public Task Ipc0006_InvokingAMainToRendererMessageChannelFires() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            async Task Run(IpcMain main, IpcSender sender)
            {
                await sender.InvokeAsync<object>({|IPC0006:"asynchronous-reply"|}, "pong");
                await main.InvokeAllAsync<object>({|IPC0006:"asynchronous-reply"|}, "pong");
            }
        }
        """);

    [Fact]
    public Task Ipc0006_SendingOnAMainToRendererInvokeChannelFires() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            void Register(IpcMain main, IpcSender sender)
            {
                sender.Send({|IPC0006:"status"|});
                main.On({|IPC0005:"asynchronous-message"|}, (e, args) => e.Reply({|IPC0006:"status"|}));
            }
        }
        """);

    [Fact]
    public Task Ipc0006_InvokeAllOnAMessageChannelSaysEveryResultFails()
    {
        var test = new IpcAnalyzerTest<UntypedChannelAnalyzer>("""
            class App
            {
                Task Run(IpcMain main) => main.InvokeAllAsync<object>({|#0:"asynchronous-reply"|});
            }
            """);
        test.ExpectedDiagnostics.Add(new DiagnosticResult(DiagnosticDescriptors.UntypedCallOfWrongKind).WithLocation(0).WithArguments(
            "InvokeAllAsync",
            "asynchronous-reply",
            "IPingPongReplies.AsynchronousReply",
            "a fire-and-forget message",
            "InvokeAllAsync reaches only handlers registered with Handle, so every renderer's result fails with 'No handler registered'"));
        return test.RunAsync();
    }

    [Fact]
    public Task Ipc0006_MatchingOrUndeclaredCallsAreSilent() => Verify.Analyzer<UntypedChannelAnalyzer>("""
        class App
        {
            async Task Run(IpcRenderer renderer)
            {
                await renderer.InvokeAsync<int>("undeclared", 1);
                renderer.Send("undeclared");
                renderer.SendSync<string>("asynchronous-message");
                renderer.Send("synchronous-message", "x");
            }
        }
        """);
}
