namespace Ipc.Runtime.Tests;

/// <summary>Every public entry point rejects a null, empty or malformed channel name with ArgumentException.</summary>
public sealed class ArgumentValidationTests
{
    public static TheoryData<string?> BadChannels => new() { null, "", " ", "\t", "bad\0name", "bad\nname" };

    [Theory, MemberData(nameof(BadChannels))]
    public void BadChannelNamesGiveArgumentException(string? channel)
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();
        IpcMainListener mainListener = (_, _) => { };
        IpcRendererListener rendererListener = (_, _) => { };
        IpcMainHandler handler = (_, _) => Task.FromResult<object?>(null);

        var calls = new List<Action>
        {
            () => main.On(channel!, mainListener),
            () => main.Once(channel!, mainListener),
            () => main.RemoveListener(channel!, mainListener),
            () => main.ListenerCount(channel!),
            () => main.Handle(channel!, handler),
            () => main.HandleOnce(channel!, handler),
            () => main.RemoveHandler(channel!),
            () => main.Renderers[0].Send(channel!),
            () => renderer.Send(channel!),
            () => renderer.SendSync<int>(channel!),
            () => renderer.InvokeAsync<int>(channel!),
            () => renderer.On(channel!, rendererListener),
            () => renderer.Once(channel!, rendererListener),
            () => renderer.RemoveListener(channel!, rendererListener),
            () => renderer.ListenerCount(channel!),
        };
        if (channel is not null)
        {
            calls.Add(() => main.RemoveAllListeners(channel));
            calls.Add(() => renderer.RemoveAllListeners(channel));
        }

        foreach (Action call in calls)
        {
            Assert.ThrowsAny<ArgumentException>(call);
        }
    }

    [Fact]
    public void NullListenersAndHandlersGiveArgumentNullException()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();

        Assert.Throws<ArgumentNullException>(() => main.On("ch", null!));
        Assert.Throws<ArgumentNullException>(() => main.Once("ch", null!));
        Assert.Throws<ArgumentNullException>(() => main.Handle("ch", null!));
        Assert.Throws<ArgumentNullException>(() => renderer.On("ch", null!));
    }

    [Fact]
    public void OptionsRejectNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcMainOptions { MaxMessageSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcRendererOptions { SendSyncTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromSeconds(-5) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcRendererOptions { InvokeTimeout = TimeSpan.Zero });
    }
}
