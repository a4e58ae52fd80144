using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics.Analyzers;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0004FireAndForgetTests
{
    [Fact]
    public Task TypedVoidChannelFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.PingPong().AsynchronousMessage.On((e, arg) => {|IPC0004:e.ReturnValue = "pong"|});
        }
        """);

    [Fact]
    public Task UntypedStringNamingAVoidChannelFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.On("asynchronous-message", (e, args) =>
                {
                    Console.WriteLine(args.Get<string>(0));
                    {|IPC0004:e.ReturnValue = "pong"|};
                });
        }
        """);

    [Fact]
    public Task RenamedVoidChannelAndMethodGroupFire() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.Once("custom:name", (e, args) => {|IPC0004:e.SetReturnValue(1)|});
                main.PingPong().Renamed.On(OnRenamed);
            }

            static void OnRenamed(IpcMainEvent e, string text)
            {
                if (text.Length > 0)
                {
                    {|IPC0004:e.ReturnValue = text|};
                }
            }
        }
        """);

    [Fact]
    public Task VoidChannelThatRepliesIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().AsynchronousMessage.On((e, arg) => e.Sender.PingPongReplies().AsynchronousReply("pong"));
                main.On("asynchronous-message", (e, args) => e.Reply("asynchronous-reply", "pong"));
                main.PingPong().AsynchronousMessage.Once((e, arg) => Console.WriteLine(e.ReturnValue));
            }
        }
        """);

    [Fact]
    public Task SyncChannelSettingIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) => e.ReturnValue = "pong");
                main.On("synchronous-message", (e, args) => e.ReturnValue = "pong");
            }
        }
        """);

    [Fact]
    public Task UnknownChannelSettingIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.On("some-other-channel", (e, args) => e.ReturnValue = "pong");
                main.On("add", (e, args) => e.ReturnValue = 1);
            }
        }
        """);
}
