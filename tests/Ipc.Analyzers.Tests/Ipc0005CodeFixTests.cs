using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.CodeFixes;
using Ipc.Generators.Diagnostics.Analyzers;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0005CodeFixTests
{
    [Fact]
    public Task UntypedListenerBecomesTheTypedOne() => Verify.CodeFix<UntypedChannelAnalyzer, UseTypedChannelCodeFixProvider>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.On({|IPC0005:"asynchronous-message"|}, (e, args) => Console.WriteLine(args.Get<string>(0)));
            }
        }
        """, """
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().AsynchronousMessage.On((e, arg) => Console.WriteLine(arg));
            }
        }
        """);

    [Fact]
    public Task SyncListenerKeepsAReplyTheTypedEventAccepts() => Verify.CodeFix<UntypedChannelAnalyzer, UseTypedChannelCodeFixProvider>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.Once({|IPC0005:"count"|}, (e, args) =>
                {
                    Console.WriteLine(e.Sender.Id);
                    e.ReturnValue = args.Get<int>(0) + args.Get<int>(1);
                });
            }
        }
        """, """
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().Count.Once((e, a, b) =>
                {
                    Console.WriteLine(e.Sender.Id);
                    e.ReturnValue = a + b;
                });
            }
        }
        """);

    [Fact]
    public Task ShapesTheTypedCallCannotTakeAreLeftAlone()
    {
        const string Source = """
            class App
            {
                void Register(IpcMain main, IpcMainListener listener)
                {
                    main.On({|IPC0005:"asynchronous-message"|}, listener);
                    main.On({|IPC0005:"synchronous-message"|}, (e, args) => e.ReturnValue = (object)args.Count);
                    main.On({|IPC0005:"asynchronous-message"|}, (e, args) => Console.WriteLine(args.Count));
                    main.On({|IPC0005:"asynchronous-message"|}, (e, args) => Console.WriteLine(args.Get<object>(0)));
                    var chained = main.On({|IPC0005:"asynchronous-message"|}, (e, args) => { });
                    main.Handle({|IPC0005:"add"|}, (e, args) => Task.FromResult<object?>(null));
                }
            }
            """;
        return Verify.CodeFix<UntypedChannelAnalyzer, UseTypedChannelCodeFixProvider>(Source, Source);
    }

    [Fact]
    public Task FixAllRewritesEveryRegistration() => Verify.CodeFix<UntypedChannelAnalyzer, UseTypedChannelCodeFixProvider>("""
        class App
        {
            void Register(IpcMain main, IpcRenderer renderer)
            {
                main.On({|IPC0005:"asynchronous-message"|}, (e, args) => Console.WriteLine(e.Channel + args.Get<string>(0)));
                main.On({|IPC0005:"synchronous-message"|}, (e, args) => e.ReturnValue = args.Get<string>(0));
                renderer.Once({|IPC0005:"asynchronous-reply"|}, (e, args) => Console.WriteLine(args.Get<string>(0)));
            }
        }
        """, """
        class App
        {
            void Register(IpcMain main, IpcRenderer renderer)
            {
                main.PingPong().AsynchronousMessage.On((e, arg) => Console.WriteLine(e.Channel + arg));
                main.PingPong().SynchronousMessage.On((e, arg) => e.ReturnValue = arg);
                renderer.PingPongReplies().AsynchronousReply.Once((e, arg) => Console.WriteLine(arg));
            }
        }
        """);
}
