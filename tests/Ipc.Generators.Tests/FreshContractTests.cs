using System.Reflection;
using Ipc.Generators.Tests.Infrastructure;

namespace Ipc.Generators.Tests;

/// <summary>
/// A contract set compiled at test time (not the ones this project builds with): nested, inherited, internal,
/// keyword-named, overridden and defaulted members, generic and nullable types, an internal main → renderer contract
/// with an invocation. Its scenario runs end to end.
/// </summary>
public sealed class FreshContractTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Ipc;

        namespace Fresh;

        public interface IReadable
        {
            Task<int[]> Read(string key);
        }

        public static class Outer
        {
            [IpcChannel]
            public interface IStore : IReadable
            {
                void Put(string key, List<Dictionary<string, int[]>> rows);

                [IpcChannelName("store:count")]
                int Count(string? prefix = null);

                ValueTask<string?> @event(int @class, CancellationToken ct = default);
            }
        }

        [IpcChannel(IpcDirection.MainToRenderer)]
        internal interface IStoreEvents
        {
            void Changed(string key, int? version);

            ValueTask<int?> Version(string key, CancellationToken ct = default);
        }

        public static class Scenario
        {
            public static async Task<string> RunAsync(IpcMain main, IpcRenderer renderer)
            {
                var results = new List<string>();
                OuterStoreMain store = main.Store();
                store.Put.On((e, key, rows) => e.Sender.StoreEvents().Changed(key, rows[0]["a"].Length));
                store.Count.On((e, prefix) => e.ReturnValue = prefix is null ? -1 : prefix.Length);
                store.@event.Handle(async (e, @class, ct) =>
                {
                    await Task.Yield();
                    return "class " + @class;
                });
                store.Read.Handle((e, key) => Task.FromResult(new[] { key.Length, 2 }));
                var changed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                renderer.StoreEvents().Changed.Once((e, key, version) => changed.TrySetResult(key + "@" + version));
                renderer.StoreEvents().Version.Handle((e, key, ct) => new ValueTask<int?>(key.Length));

                Outer.IStore toMain = renderer.Store();
                toMain.Put("k", new List<Dictionary<string, int[]>> { new() { ["a"] = new[] { 1, 2, 3 } } });
                results.Add(await changed.Task);
                results.Add(toMain.Count().ToString());
                results.Add(toMain.Count("abc").ToString());
                results.Add(await toMain.@event(7) ?? "null");
                results.Add(string.Join(",", await toMain.Read("four")));
                IReadOnlyList<IpcRendererResult<int?>> versions = await main.StoreEvents().Version("abcde");
                results.Add("v" + versions[0].Value);
                results.Add(OuterStoreChannels.CountChannel.Name + " " + OuterStoreChannels.eventChannel.Name);
                return string.Join("|", results);
            }
        }
        """;

    [Fact]
    public async Task AContractSetCompiledAtTestTimeRunsEndToEnd()
    {
        Assembly assembly = GeneratorHarness.CompileAndLoad(Source);
        MethodInfo run = assembly.GetType("Fresh.Scenario")!.GetMethod("RunAsync")!;
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();

        var scenario = (Task<string>)run.Invoke(null, [main, renderer])!;

        Assert.Equal("k@3|-1|3|class 7|4,2|v5|store:count event", await scenario.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
