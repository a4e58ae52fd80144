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
                main.PingPong().Count.On({|IPC0001:(e, a, b) => Console.WriteLine(a + b)|});
            }
        }
        """, """
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().Count.On((e, a, b) =>
                {
                    Console.WriteLine(a + b);
                    e.ReturnValue = default;
                });
            }
        }
        """);

    /// <summary>
    /// A non-nullable reference reply: <c>default</c> would be a null the type forbids, returned without a word, so the
    /// placeholder throws until the reply is written.
    /// </summary>
    [Fact]
    public Task ANonNullableReferenceReplyGetsAPlaceholderThatThrows() => Verify.CodeFix<ListenerAnalyzer, AddReturnValueCodeFixProvider>("""
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
                    throw new NotImplementedException("Set e.ReturnValue to the reply.");
                });
            }
        }
        """);

    [Fact]
    public Task ARecordReplyNeverGetsDefaultAndAFinalReturnMakesWayForTheThrow() => Verify.CodeFix<ListenerAnalyzer, AddReturnValueCodeFixProvider>("""
        public sealed record Settings(string Theme);

        [IpcChannel]
        public interface ISettingsStore { Settings Load(); Settings? Find(string name); }

        class App
        {
            void Register(IpcMain main)
            {
                main.SettingsStore().Load.On({|IPC0001:e =>
                {
                    Console.WriteLine("load");
                    return;
                }|});
                main.SettingsStore().Find.On({|IPC0001:(e, name) => Console.WriteLine(name)|});
            }
        }
        """, """
        public sealed record Settings(string Theme);

        [IpcChannel]
        public interface ISettingsStore { Settings Load(); Settings? Find(string name); }

        class App
        {
            void Register(IpcMain main)
            {
                main.SettingsStore().Load.On(e =>
                {
                    Console.WriteLine("load");
                    throw new NotImplementedException("Set e.ReturnValue to the reply.");
                });
                main.SettingsStore().Find.On((e, name) =>
                {
                    Console.WriteLine(name);
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
                    throw new NotImplementedException("Set ev.ReturnValue to the reply.");
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
                main.PingPong().SynchronousMessage.Once((e, _) => { throw new NotImplementedException("Set e.ReturnValue to the reply."); });
                main.PingPong().SynchronousMessage.On(OnSync);
            }

            static void OnSync(IpcMainEvent<string> e, string arg)
            {
                Console.WriteLine(arg);
                throw new NotImplementedException("Set e.ReturnValue to the reply.");
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
                    throw new NotImplementedException("Set e.ReturnValue to the reply.");
                });
                main.PingPong().Count.Once((e, a, b) =>
                {
                    Console.WriteLine(a + b);
                    e.ReturnValue = default;
                });
                main.Once("synchronous-message", delegate (IpcMainEvent e, IpcArgs args) { Console.WriteLine(args.Count); throw new NotImplementedException("Set e.ReturnValue to the reply."); });
            }
        }
        """);
}
