using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics.Analyzers;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0002SomePathsTests
{
    [Fact]
    public Task SetOnlyInsideAnIfFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.PingPong().SynchronousMessage.On({|IPC0002:(e, arg) =>
                {
                    if (arg.Length > 0)
                    {
                        e.ReturnValue = arg;
                    }
                }|});
        }
        """);

    [Fact]
    public Task EarlyReturnBeforeTheSetFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.On("synchronous-message", {|IPC0002:(e, args) =>
                {
                    if (args.Count == 0)
                    {
                        return;
                    }

                    e.ReturnValue = args.Get<string>(0);
                }|});
        }
        """);

    [Fact]
    public Task SwitchWithAnUnansweredCaseFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) => main.PingPong().Count.On({|IPC0002:OnCount|});

            static void OnCount(IpcMainEvent<int> e, int a, int b)
            {
                switch (a)
                {
                    case 0:
                        e.ReturnValue = b;
                        break;
                    case 1:
                        Console.WriteLine(b);
                        break;
                    default:
                        e.ReturnValue = a + b;
                        break;
                }
            }
        }
        """);

    [Fact]
    public Task CatchThatSwallowsTheErrorFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.PingPong().SynchronousMessage.On({|IPC0002:(e, arg) =>
                {
                    try
                    {
                        e.ReturnValue = Compute(arg);
                    }
                    catch (FormatException ex)
                    {
                        Console.WriteLine(ex.Message);
                    }
                }|});

            static string Compute(string arg) => arg;
        }
        """);

    [Fact]
    public Task OtherPathThrowsIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) =>
                {
                    if (arg.Length == 0)
                    {
                        throw new ArgumentException("empty", nameof(arg));
                    }

                    e.ReturnValue = arg;
                });
                main.PingPong().SynchronousMessage.Once((e, arg) => e.ReturnValue = arg.Length > 0 ? arg : throw new ArgumentException());
            }
        }
        """);

    [Fact]
    public Task EveryBranchSetsIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().Count.On((e, a, b) =>
                {
                    if (a > b) { e.ReturnValue = a; return; }
                    else if (a < b) e.ReturnValue = b;
                    else e.ReturnValue = 0;
                });
                main.On("synchronous-message", (e, args) =>
                {
                    switch (args.Count)
                    {
                        case 0: e.ReturnValue = "none"; break;
                        default: e.ReturnValue = "some"; break;
                    }
                });
                main.PingPong().SynchronousMessage.On((e, arg) =>
                {
                    try { e.ReturnValue = arg.Trim(); }
                    catch (Exception) { e.ReturnValue = "error"; }
                });
                main.PingPong().SynchronousMessage.On((e, arg) =>
                {
                    try { Console.WriteLine(arg); }
                    finally { e.ReturnValue = arg; }
                });
                main.PingPong().SynchronousMessage.On((e, arg) =>
                {
                    foreach (char c in arg) { Console.WriteLine(c); }
                    e.ReturnValue ??= arg;
                });
            }
        }
        """);

    [Fact]
    public Task EscapeOnOnePathIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On((e, arg) =>
                {
                    if (arg.Length > 0) e.ReturnValue = arg;
                    else Fallback(e);
                });
            }

            static void Fallback(IpcMainEvent<string> e) => e.ReturnValue = "fallback";
        }
        """);
}
