using Ipc.Connection;
using Ipc.Protocol;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Supervision;

/// <summary>
/// Channels starting with "ipcgen:" are IpcGen's: no public method accepts one, so user code can neither answer,
/// remove nor imitate the heartbeat, which every renderer answers.
/// </summary>
public sealed class ReservedChannelTests
{
    public static TheoryData<string> Reserved => new() { "ipcgen:heartbeat", "ipcgen:", "ipcgen:anything" };

    [Theory, MemberData(nameof(Reserved))]
    public void EveryPublicEntryPointRefusesAReservedChannelSayingWhy(string channel)
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();
        IpcSender sender = main.Renderers[0];
        IpcMainListener mainListener = (_, _) => { };
        IpcRendererListener rendererListener = (_, _) => { };
        var calls = new (string Name, Action Call)[]
        {
            ("main.On", () => main.On(channel, mainListener)),
            ("main.Once", () => main.Once(channel, mainListener)),
            ("main.RemoveListener", () => main.RemoveListener(channel, mainListener)),
            ("main.RemoveAllListeners", () => main.RemoveAllListeners(channel)),
            ("main.ListenerCount", () => main.ListenerCount(channel)),
            ("main.Handle", () => main.Handle(channel, (_, _) => Task.FromResult<object?>(null))),
            ("main.HandleOnce", () => main.HandleOnce(channel, (_, _) => Task.FromResult<object?>(null))),
            ("main.RemoveHandler", () => main.RemoveHandler(channel)),
            ("main.InvokeAllAsync", () => main.InvokeAllAsync<object>(channel)),
            ("sender.Send", () => sender.Send(channel)),
            ("sender.InvokeAsync", () => sender.InvokeAsync<object>(channel)),
            ("renderer.Send", () => renderer.Send(channel)),
            ("renderer.SendSync", () => renderer.SendSync<object>(channel)),
            ("renderer.InvokeAsync", () => renderer.InvokeAsync<object>(channel)),
            ("renderer.On", () => renderer.On(channel, rendererListener)),
            ("renderer.Handle", () => renderer.Handle(channel, (_, _) => Task.FromResult<object?>(null))),
            ("renderer.RemoveHandler", () => renderer.RemoveHandler(channel)),
            ("renderer.RemoveAllListeners", () => renderer.RemoveAllListeners(channel)),
        };

        foreach ((string name, Action call) in calls)
        {
            var error = Record.Exception(call);
            Assert.True(error is ArgumentException, $"{name} threw {error?.GetType().Name ?? "nothing"}.");
            Assert.Contains("reserves", error!.Message);
        }
    }

    [Fact]
    public void NamesThatOnlyLookAlikeStayUsable()
    {
        using var main = new IpcMain();

        main.On("IPCGEN:heartbeat", (_, _) => { }); // the prefix is compared ordinally
        main.On("app:ipcgen:heartbeat", (_, _) => { });
        main.On("ipcgen-heartbeat", (_, _) => { });

        Assert.Equal(3, main.ChannelNames.Count);
    }

    [Fact]
    public async Task EveryRendererAnswersTheHeartbeat()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();

        object? answer = await HeartbeatAsync(main.Renderers[0]).Bounded();

        Assert.Null(answer);
    }

    internal static Task<object?> HeartbeatAsync(IpcSender sender) =>
        sender.Peer.Calls.InvokeAsync<object>(MessageKind.Invoke, ChannelName.Heartbeat, null, Timeout.InfiniteTimeSpan, CancellationToken.None);
}
