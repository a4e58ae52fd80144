using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.CodeFixes;
using Ipc.Generators.Diagnostics.Analyzers;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0001CodeFixTests
{
    [Fact]
    public Task ExpressionBodyBecomesABlockThatSetsReturnValue() => Verify.CodeFix<ListenerAnalyzer, AddReturnValueCodeFixProvider>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On({|IPC0001:(e, arg) => Console.WriteLine(arg)|});
            }
        }
        """, """
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) =>
                {
                    Console.WriteLine(arg);
                    e.ReturnValue = default;
                });
            }
        }
        """);

    [Fact]
    public Task BlockBodyGetsTheReplyAsItsLastStatement() => Verify.CodeFix<ListenerAnalyzer, AddReturnValueCodeFixProvider>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.On("synchronous-message", {|IPC0001:(ev, args) =>
                {
                    Console.WriteLine(args.Count);
                    return;
                }|});
            }
        }
        """, """
        class App
        {
            void Register(IpcMain main)
            {
                main.On("synchronous-message", (ev, args) =>
                {
                    Console.WriteLine(args.Count);
                    ev.ReturnValue = default;
                    return;
                });
            }
        }
        """);

    [Fact]
    public Task DiscardedEventIsNamedAndMethodGroupsAreFixedInPlace() => Verify.CodeFix<ListenerAnalyzer, AddReturnValueCodeFixProvider>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.Once({|IPC0001:(_, _) => { }|});
                main.PingPong().SynchronousMessage.On({|IPC0001:OnSync|});
            }

            static void OnSync(IpcMainEvent<string> e, string arg) => Console.WriteLine(arg);
        }
        """, """
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.Once((e, _) => { e.ReturnValue = default; });
                main.PingPong().SynchronousMessage.On(OnSync);
            }

            static void OnSync(IpcMainEvent<string> e, string arg)
            {
                Console.WriteLine(arg);
                e.ReturnValue = default;
            }
        }
        """);

    [Fact]
    public Task FixAllFixesEveryListenerOfTheDocument() => Verify.CodeFix<ListenerAnalyzer, AddReturnValueCodeFixProvider>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On({|IPC0001:(e, arg) => Console.WriteLine(arg)|});
                main.PingPong().Count.Once({|IPC0001:(e, a, b) => Console.WriteLine(a + b)|});
                main.Once("synchronous-message", {|IPC0001:delegate (IpcMainEvent e, IpcArgs args) { Console.WriteLine(args.Count); }|});
            }
        }
        """, """
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) =>
                {
                    Console.WriteLine(arg);
                    e.ReturnValue = default;
                });
                main.PingPong().Count.Once((e, a, b) =>
                {
                    Console.WriteLine(a + b);
                    e.ReturnValue = default;
                });
                main.Once("synchronous-message", delegate (IpcMainEvent e, IpcArgs args) { Console.WriteLine(args.Count); e.ReturnValue = default; });
            }
        }
        """);
}
