using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.CodeFixes;
using Ipc.Generators.Diagnostics.Analyzers;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0007CodeFixTests
{
    [Fact]
    public Task AnInvokeTakesTheTokenThroughTheArrayOverload() => Verify.CodeFix<CancellationTokenArgumentAnalyzer, CancellationTokenArgumentCodeFixProvider>("""
        #nullable enable
        class App
        {
            async Task<int> Run(IpcRenderer renderer, CancellationToken ct) =>
                await renderer.InvokeAsync<int>("add", 1, 2, {|IPC0007:ct|});
        }
        """, """
        #nullable enable
        class App
        {
            async Task<int> Run(IpcRenderer renderer, CancellationToken ct) =>
                await renderer.InvokeAsync<int>("add", new object?[] { 1, 2 }, ct);
        }
        """);

    [Fact]
    public Task AnInvokeWhoseOnlyArgumentWasTheTokenSendsAnEmptyArray() => Verify.CodeFix<CancellationTokenArgumentAnalyzer, CancellationTokenArgumentCodeFixProvider>("""
        #nullable enable
        class App
        {
            async Task<string?> Run(IpcSender sender, CancellationToken ct) =>
                await sender.InvokeAsync<string>("status", {|IPC0007:ct|});
        }
        """, """
        #nullable enable
        class App
        {
            async Task<string?> Run(IpcSender sender, CancellationToken ct) =>
                await sender.InvokeAsync<string>("status", Array.Empty<object?>(), ct);
        }
        """);

    [Fact]
    public Task OutsideANullableContextTheArrayIsOfObject() => Verify.CodeFix<CancellationTokenArgumentAnalyzer, CancellationTokenArgumentCodeFixProvider>("""
        #nullable disable
        class App
        {
            Task Run(IpcMain main, CancellationToken ct) => main.InvokeAllAsync<string>("status", {|IPC0007:ct|}, "verbose");
        }
        """, """
        #nullable disable
        class App
        {
            Task Run(IpcMain main, CancellationToken ct) => main.InvokeAllAsync<string>("status", new object[] { "verbose" }, ct);
        }
        """);

    [Fact]
    public Task AMessageLosesTheTokenArgument() => Verify.CodeFix<CancellationTokenArgumentAnalyzer, CancellationTokenArgumentCodeFixProvider>("""
        class App
        {
            void Run(IpcRenderer renderer, CancellationToken ct) => renderer.Send("asynchronous-message", "ping", {|IPC0007:ct|});
        }
        """, """
        class App
        {
            void Run(IpcRenderer renderer, CancellationToken ct) => renderer.Send("asynchronous-message", "ping");
        }
        """);

    [Fact]
    public Task AnInvokeWithTwoTokensOrNamedArgumentsIsLeftAlone()
    {
        const string Source = """
            class App
            {
                async Task Run(IpcRenderer renderer, CancellationToken first, CancellationToken second)
                {
                    await renderer.InvokeAsync<int>("add", {|IPC0007:first|}, {|IPC0007:second|});
                    await renderer.InvokeAsync<int>(channel: "add", 1, {|IPC0007:first|});
                }
            }
            """;
        return Verify.CodeFix<CancellationTokenArgumentAnalyzer, CancellationTokenArgumentCodeFixProvider>(Source, Source);
    }

    [Fact]
    public Task FixAllRewritesEveryCallOnce() => Verify.CodeFix<CancellationTokenArgumentAnalyzer, CancellationTokenArgumentCodeFixProvider>("""
        #nullable enable
        class App
        {
            async Task Run(IpcMain main, IpcRenderer renderer, CancellationToken ct)
            {
                renderer.Send("asynchronous-message", {|IPC0007:ct|}, "ping", {|IPC0007:CancellationToken.None|});
                string? pong = renderer.SendSync<string>("synchronous-message", "ping", {|IPC0007:ct|});
                int sum = await renderer.InvokeAsync<int>("add", 1, 2, {|IPC0007:ct|});
                main.On("asynchronous-message", async (e, args) =>
                {
                    e.Reply("asynchronous-reply", "pong", {|IPC0007:ct|});
                    string? status = await e.Sender.InvokeAsync<string>("status", {|IPC0007:ct|});
                });
            }
        }
        """, """
        #nullable enable
        class App
        {
            async Task Run(IpcMain main, IpcRenderer renderer, CancellationToken ct)
            {
                renderer.Send("asynchronous-message", "ping");
                string? pong = renderer.SendSync<string>("synchronous-message", "ping");
                int sum = await renderer.InvokeAsync<int>("add", new object?[] { 1, 2 }, ct);
                main.On("asynchronous-message", async (e, args) =>
                {
                    e.Reply("asynchronous-reply", "pong");
                    string? status = await e.Sender.InvokeAsync<string>("status", Array.Empty<object?>(), ct);
                });
            }
        }
        """);
}
