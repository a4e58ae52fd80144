using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>
/// On, Once, Handle and HandleOnce return a subscription on the untyped endpoints as on typed channels: disposing it
/// undoes that one registration, once, and never throws.
/// </summary>
public sealed class SubscriptionTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task DisposingTheSubscriptionOfOnRemovesThatListener(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var calls = new List<string>();
        IDisposable first = rig.Main.On("ch", (_, _) => calls.Add("first"));
        rig.Main.On("ch", (_, _) => calls.Add("second"));

        first.Dispose();
        rig.Renderer.Send("ch");
        await rig.FlushAsync();

        Assert.Equal(["second"], calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task DisposingTheSubscriptionOfOnceBeforeItRunsRemovesIt(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int calls = 0;
        IDisposable once = rig.Main.Once("ch", (_, _) => calls++);

        once.Dispose();
        rig.Renderer.Send("ch");
        await rig.FlushAsync();

        Assert.Equal(0, calls);
        Assert.Equal(0, rig.Main.ListenerCount("ch"));
    }

    [Fact]
    public void DisposingASubscriptionTwiceRemovesOneRegistration()
    {
        using var main = new IpcMain();
        IpcMainListener listener = (_, _) => { };
        IDisposable subscription = main.On("ch", listener);
        main.On("ch", listener);

        subscription.Dispose();
        subscription.Dispose();

        Assert.Equal(1, main.ListenerCount("ch"));
    }

    [Fact]
    public void DisposingASubscriptionAfterTheEndpointIsDisposedDoesNothing()
    {
        var main = new IpcMain();
        IDisposable listening = main.On("ch", (_, _) => { });
        IDisposable handling = main.Handle("call", (_, _) => Task.FromResult<object?>(null));
        main.Dispose();

        listening.Dispose();
        handling.Dispose();
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task DisposingTheSubscriptionOfHandleRemovesTheHandler(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IDisposable handling = rig.Main.Handle("call", (_, _) => Task.FromResult<object?>(1));

        handling.Dispose();

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.Renderer.InvokeAsync<int>("call").Bounded());
    }

    [Fact]
    public void DisposingAnOldHandleSubscriptionLeavesALaterHandlerInPlace()
    {
        using var main = new IpcMain();
        IDisposable old = main.Handle("call", (_, _) => Task.FromResult<object?>(1));
        main.RemoveHandler("call");
        main.Handle("call", (_, _) => Task.FromResult<object?>(2));

        old.Dispose();

        Assert.Throws<InvalidOperationException>(() => main.Handle("call", (_, _) => Task.FromResult<object?>(3)));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARendererHandleSubscriptionRemovesItsHandler(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IDisposable handling = rig.Renderer.Handle("status", (_, _) => Task.FromResult<object?>("ok"));
        Assert.Equal("ok", await rig.SenderOf(rig.Renderer).InvokeAsync<string>("status").Bounded());

        handling.Dispose();

        await Assert.ThrowsAsync<IpcNoHandlerException>(() => rig.SenderOf(rig.Renderer).InvokeAsync<string>("status").Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerReturningAValueTaskOfTRepliesWithItsResult(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("add", (_, args) => new ValueTask<int>(args.Get<int>(0) + args.Get<int>(1)));
        rig.Renderer.Handle("echo", async (_, args) =>
        {
            await Task.Yield();
            return args.Get<string>(0);
        });

        Assert.Equal(5, await rig.Renderer.InvokeAsync<int>("add", 2, 3).Bounded());
        Assert.Equal("hi", await rig.SenderOf(rig.Renderer).InvokeAsync<string>("echo", "hi").Bounded());
    }

    [Fact]
    public void HandleOfTWithoutAHandlerThrowsArgumentNullException()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();

        Assert.Throws<ArgumentNullException>("handler", () => main.Handle<int>("call", null!));
        Assert.Throws<ArgumentNullException>("handler", () => main.HandleOnce<int>("call", null!));
        Assert.Throws<ArgumentNullException>("handler", () => renderer.Handle<int>("call", null!));
        Assert.Throws<ArgumentNullException>("handler", () => renderer.HandleOnce<int>("call", null!));
    }

    [Fact]
    public void HandleOnceOfTIsRemovedBeforeItRuns()
    {
        using var main = new IpcMain();
        using IDisposable handling = main.HandleOnce("call", (_, _) => new ValueTask<int>(1));

        Assert.Throws<InvalidOperationException>(() => main.Handle("call", (_, _) => new ValueTask<int>(2)));
    }

    [Fact]
    public void TypedOnceReturnsASubscriptionThatRemovesIt()
    {
        using var main = new IpcMain();
        var channel = new ProbeListenerChannel(main);

        IDisposable once = channel.Once(_ => { });
        once.Dispose();

        Assert.Equal(0, main.ListenerCount(ProbeListenerChannel.Name));
    }

    [Fact]
    public void TypedHandleReturnsASubscriptionThatRemovesItsHandler()
    {
        using var main = new IpcMain();
        var channel = new ProbeHandlerChannel(main);

        channel.Handle(_ => Task.CompletedTask).Dispose();

        channel.Handle(_ => Task.CompletedTask); // the channel is free again
    }
}
