using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics.Analyzers;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0001NeverSetsReturnValueTests
{
    [Fact]
    public Task TypedSyncLambdaThatOnlyLogsFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.PingPong().SynchronousMessage.On({|IPC0001:(e, arg) => Console.WriteLine(arg)|});
        }
        """);

    [Fact]
    public Task TypedSyncOnceWithBlockBodyFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().Count.Once({|IPC0001:(e, a, b) =>
                {
                    var sum = a + b;
                    Console.WriteLine(sum);
                }|});
            }
        }
        """);

    [Fact]
    public Task UntypedOnNamingASyncChannelFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.On("synchronous-message", {|IPC0001:(e, args) => Console.WriteLine(args.Get<string>(0))|});
        }
        """);

    [Fact]
    public Task MethodGroupWhoseBodyNeverSetsFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) => main.PingPong().SynchronousMessage.On({|IPC0001:OnSync|});

            static void OnSync(IpcMainEvent<string> e, string arg) => Console.WriteLine(e.Sender.Id + arg);
        }
        """);

    [Fact]
    public Task AnonymousMethodFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.Once("synchronous-message", {|IPC0001:delegate (IpcMainEvent e, IpcArgs args) { e.Reply("log", args.Count); }|});
        }
        """);

    [Fact]
    public Task DiscardedEventFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) => main.PingPong().SynchronousMessage.On({|IPC0001:(_, _) => { }|});
        }
        """);

    [Fact]
    public Task SettingReturnValueIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) => e.ReturnValue = "pong");
                main.On("synchronous-message", (e, args) => { e.ReturnValue = "pong"; });
                main.PingPong().Count.On((e, a, b) => e.Untyped.SetReturnValue(a + b));
            }
        }
        """);

    [Fact]
    public Task ListenerThatAlwaysThrowsIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) => throw new NotSupportedException(arg));
                main.On("synchronous-message", (e, args) =>
                {
                    Console.WriteLine(args.Count);
                    throw new InvalidOperationException();
                });
            }
        }
        """);

    [Fact]
    public Task EventPassedToAnotherMethodIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) => Answer(e, arg));
                main.On("synchronous-message", (e, args) => Answer(e));
            }

            static void Answer(IpcMainEvent<string> e, string arg) => e.ReturnValue = arg;

            static void Answer(IpcMainEvent e) => e.ReturnValue = "pong";
        }
        """);

    [Fact]
    public Task EventStoredOrCapturedIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            private IpcMainEvent<string>? _pending;
            private readonly List<IpcMainEvent> _events = new();

            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) => _pending = e);
                main.On("synchronous-message", (e, args) => _events.Add(e));
                main.PingPong().SynchronousMessage.Once((e, arg) =>
                {
                    var alias = e;
                    alias.ReturnValue = arg;
                });
                main.PingPong().Count.On((e, a, b) =>
                {
                    void Reply() => e.ReturnValue = a + b;
                    Reply();
                });
                main.PingPong().Count.Once((e, a, b) => Run(() => e.ReturnValue = a));
            }

            static void Run(Action action) => action();
        }
        """);

    [Fact]
    public Task UntypedChannelNoContractDeclaresIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.On("not-a-contract-channel", (e, args) => Console.WriteLine(args.Count));
                main.On("add", (e, args) => Console.WriteLine(args.Count));
                string name = "synchronous-message";
                main.On(name, (e, args) => Console.WriteLine(args.Count));
            }
        }
        """);

    [Fact]
    public Task WithoutAnyContractIsSilent() => Verify.AnalyzerWithoutContracts<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) => main.On("synchronous-message", (e, args) => Console.WriteLine(args.Count));
        }
        """);

    [Fact]
    public Task ListenerFromAVariableOrAVirtualMethodIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main, IpcMainListener listener)
            {
                main.On("synchronous-message", listener);
                main.PingPong().SynchronousMessage.On(OnSync);
            }

            protected virtual void OnSync(IpcMainEvent<string> e, string arg) { }
        }
        """);
}
