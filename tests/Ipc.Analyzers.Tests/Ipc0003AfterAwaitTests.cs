using Ipc.Analyzers.Tests.Infrastructure;
using Ipc.Generators.Diagnostics.Analyzers;

namespace Ipc.Analyzers.Tests;

public sealed class Ipc0003AfterAwaitTests
{
    [Fact]
    public Task SetAfterAnAwaitFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.PingPong().SynchronousMessage.On(async (e, arg) =>
                {
                    await Task.Delay(10);
                    {|IPC0003:e.ReturnValue = arg|};
                });
        }
        """);

    [Fact]
    public Task SetToAnAwaitedValueFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.On("synchronous-message", async (e, args) => {|IPC0003:e.ReturnValue = await LoadAsync()|});

            static Task<string> LoadAsync() => Task.FromResult("x");
        }
        """);

    [Fact]
    public Task AsyncMethodGroupSettingAfterAnAwaitInALoopFires() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) => main.PingPong().Count.On(OnCount);

            static async void OnCount(IpcMainEvent<int> e, int a, int b)
            {
                do
                {
                    await Task.Yield();
                }
                while (--a > 0);

                if (b > 0)
                {
                    await Task.Delay(b);
                }

                {|IPC0003:e.Untyped.SetReturnValue(a + b)|};
            }
        }
        """);

    [Fact]
    public Task SetBeforeTheFirstAwaitIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On(async (e, arg) =>
                {
                    e.ReturnValue = arg;
                    await Task.Delay(10);
                    Console.WriteLine("logged later");
                });
                main.PingPong().SynchronousMessage.Once(async (e, arg) =>
                {
                    await Task.CompletedTask;
                    e.ReturnValue = arg;
                });
            }
        }
        """);

    [Fact]
    public Task SetOnAPathWithoutAwaitIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main) =>
                main.PingPong().SynchronousMessage.On(async (e, arg) =>
                {
                    if (arg.Length > 3)
                    {
                        await Task.Delay(1);
                        throw new InvalidOperationException();
                    }

                    e.ReturnValue = arg;
                });
        }
        """);

    [Fact]
    public Task EscapingEventOrUnknownChannelIsSilent() => Verify.Analyzer<ListenerAnalyzer>("""
        class App
        {
            void Register(IpcMain main)
            {
                main.PingPong().SynchronousMessage.On(async (e, arg) =>
                {
                    await Task.Delay(1);
                    e.ReturnValue = arg;
                    Keep(e);
                });
                main.On("unknown", async (e, args) =>
                {
                    await Task.Delay(1);
                    e.ReturnValue = "late";
                });
            }

            static void Keep(object o) { }
        }
        """);
}
