namespace Ipc.Runtime.Tests;

/// <summary>Every public entry point rejects a null, empty or malformed channel name with ArgumentException.</summary>
public sealed class ArgumentValidationTests
{
    public static TheoryData<string?> BadChannels => new() { null, "", " ", "\t", "bad\0name", "bad\nname", new string('a', 1025) };

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
            () => renderer.Handle(channel!, (_, _) => Task.FromResult<object?>(null)),
            () => renderer.HandleOnce(channel!, (_, _) => Task.FromResult<object?>(null)),
            () => renderer.RemoveHandler(channel!),
            () => main.Renderers[0].InvokeAsync<int>(channel!),
            () => main.InvokeAllAsync<int>(channel!),
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

#pragma warning disable IPC0007 // tokens among the message arguments, on purpose: the runtime must refuse them
    [Fact]
    public void ACancellationTokenAmongMessageArgumentsIsRefusedAtTheSenderNamingTheTokenOverload()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();
        int received = 0;
        main.On("ch", (_, _) => received++);
        main.Handle("ch", (_, _) => Task.FromResult<object?>(received++));
        renderer.On("ch", (_, _) => received++);
        renderer.Handle("ch", (_, _) => Task.FromResult<object?>(received++));
        IpcSender sender = main.Renderers[0];
        CancellationToken token = new CancellationTokenSource().Token;

        var invokes = new Func<Task>[]
        {
            () => renderer.InvokeAsync<int>("ch", token),
            () => renderer.InvokeAsync<int>("ch", 1, token),
            () => sender.InvokeAsync<int>("ch", token),
            () => main.InvokeAllAsync<int>("ch", token),
        };
        foreach (Func<Task> invoke in invokes)
        {
            ArgumentException error = Assert.ThrowsAny<ArgumentException>(() => { _ = invoke(); }); // refused before any task exists
            Assert.Contains("InvokeAsync<T>(channel, args, cancellationToken)", error.Message);
        }

        var messages = new Action[]
        {
            () => renderer.Send("ch", token),
            () => renderer.SendSync<int>("ch", "x", token),
            () => sender.Send("ch", token),
        };
        foreach (Action message in messages)
        {
            ArgumentException error = Assert.ThrowsAny<ArgumentException>(message);
            Assert.Contains("cannot be cancelled", error.Message);
        }

        Assert.Equal(0, received);
    }
#pragma warning restore IPC0007

    [Fact]
    public void NullListenersAndHandlersGiveArgumentNullException()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();

        Assert.Throws<ArgumentNullException>(() => main.On("ch", null!));
        Assert.Throws<ArgumentNullException>(() => main.Once("ch", null!));
        Assert.Throws<ArgumentNullException>(() => main.Handle("ch", null!));
        Assert.Throws<ArgumentNullException>(() => renderer.On("ch", null!));
        Assert.Throws<ArgumentNullException>(() => renderer.Handle("ch", null!));
        Assert.Throws<ArgumentNullException>(() => renderer.HandleOnce("ch", null!));
        Assert.Throws<ArgumentNullException>(() => { _ = IpcRenderer.ConnectAsync(main.Listen(), configure: null!); });
    }

    [Fact]
    public void OptionsRejectNonsense()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcMainOptions { MaxMessageSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcRendererOptions { SendSyncTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromSeconds(-5) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcRendererOptions { InvokeTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcMainOptions { RendererInvokeTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcMainOptions { Transport = (IpcTransport)42 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcMainOptions { MaxConnectionsPerLaunch = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcMainOptions { IncompleteFrameTimeout = TimeSpan.Zero });
        Assert.Throws<ArgumentOutOfRangeException>(() => new IpcMainOptions { MaxUndispatchedBytesTotal = 1024 });
        Assert.Equal(TimeSpan.FromSeconds(30), new IpcMainOptions().RendererInvokeTimeout);
        Assert.Equal(1, new IpcMainOptions().MaxConnectionsPerLaunch);
        Assert.Equal(TimeSpan.FromSeconds(10), new IpcMainOptions().IncompleteFrameTimeout);
    }

    [Fact]
    public void AChannelNameOfTheMaximumLengthIsAccepted()
    {
        using var main = new IpcMain();

        main.On(new string('a', 1024), (_, _) => { });

        Assert.Equal(1, main.ListenerCount(new string('a', 1024)));
    }
}
