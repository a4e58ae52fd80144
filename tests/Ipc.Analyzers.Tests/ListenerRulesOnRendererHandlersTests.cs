using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics.Analyzers;

namespace Ipc.Analyzers.Tests;

/// <summary>IPC0001–IPC0004 are about main's listeners and their ReturnValue; a renderer's handler answers with its result.</summary>
public sealed class ListenerRulesOnRendererHandlersTests
{
    [Fact]
    public Task RendererHandlersTypedOrUntypedAreSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcRenderer renderer)
            {
                renderer.PingPongReplies().Status.Handle((e, ct) => Task.FromResult("ready"));
                renderer.PingPongReplies().Status.HandleOnce(async (e, ct) =>
                {
                    await Task.Yield();
                    return e.Channel;
                });
                renderer.Handle("status", (e, args) => Task.FromResult<object?>("ready"));
                renderer.HandleOnce("synchronous-message", (e, args) => Task.FromResult<object?>(null));
            }
        }
        """);
}
