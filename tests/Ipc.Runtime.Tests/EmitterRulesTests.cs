using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>Node EventEmitter rules, as main's listeners see messages from a renderer.</summary>
public sealed class EmitterRulesTests
{
    private const string Channel = "ch";

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ListenersRunInRegistrationOrder(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var calls = new List<string>();
        rig.Main.On(Channel, (_, _) => calls.Add("a"));
        rig.Main.On(Channel, (_, _) => calls.Add("b"));
        rig.Main.On(Channel, (_, _) => calls.Add("c"));

        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(["a", "b", "c"], calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RemovingAListenerDuringEmitStillRunsItInThatEmit(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var calls = new List<string>();
        IpcMainListener second = (_, _) => calls.Add("second");
        rig.Main.On(Channel, (_, _) => { calls.Add("first"); rig.Main.RemoveListener(Channel, second); });
        rig.Main.On(Channel, second);

        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(["first", "second"], calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ListenerRemovedDuringEmitDoesNotRunInTheNextEmit(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var calls = new List<string>();
        IpcMainListener second = (_, _) => calls.Add("second");
        rig.Main.On(Channel, (_, _) => { calls.Add("first"); rig.Main.RemoveListener(Channel, second); });
        rig.Main.On(Channel, second);

        rig.Renderer.Send(Channel);
        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(["first", "second", "first"], calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ListenerAddedDuringEmitRunsFromTheNextEmit(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var calls = new List<string>();
        rig.Main.Once(Channel, (_, _) => { calls.Add("adder"); rig.Main.On(Channel, (_, _) => calls.Add("added")); });

        rig.Renderer.Send(Channel);
        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(["adder", "added"], calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task OnceRemovesTheListenerBeforeCallingIt(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int countSeenInside = -1;
        rig.Main.Once(Channel, (_, _) => countSeenInside = rig.Main.ListenerCount(Channel));

        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(0, countSeenInside);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task OnceListenerRunsOnlyOnce(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int calls = 0;
        rig.Main.Once(Channel, (_, _) => calls++);

        rig.Renderer.Send(Channel);
        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(1, calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RemoveListenerWithTheOriginalDelegateRemovesAOnceRegistration(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int calls = 0;
        IpcMainListener listener = (_, _) => calls++;
        rig.Main.Once(Channel, listener);

        rig.Main.RemoveListener(Channel, listener);
        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(0, calls);
        Assert.Equal(0, rig.Main.ListenerCount(Channel));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TheSameListenerAddedTwiceRunsTwice(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int calls = 0;
        IpcMainListener listener = (_, _) => calls++;
        rig.Main.On(Channel, listener);
        rig.Main.On(Channel, listener);

        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(2, calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RemoveListenerRemovesTheMostRecentlyAddedRegistration(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int calls = 0;
        IpcMainListener listener = (_, _) => calls++;
        rig.Main.On(Channel, listener);
        rig.Main.Once(Channel, listener);

        rig.Main.RemoveListener(Channel, listener); // removes the Once, the most recent
        rig.Renderer.Send(Channel);
        rig.Renderer.Send(Channel);
        await rig.FlushAsync();

        Assert.Equal(2, calls);
        Assert.Equal(1, rig.Main.ListenerCount(Channel));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task EachMessageReachesItsOwnChannelWhenChannelsAlternateAndListenersChange(TransportKind transport)
    {
        // The emitter remembers the channel it emitted last; this pins that the shortcut never crosses channels
        // and sees listeners added or removed after the channel was remembered.
        using var rig = new Rig(transport);
        var calls = new List<string>();
        IpcMainListener b = (_, _) => calls.Add("b");
        rig.Main.On("a", (_, _) => calls.Add("a"));
        rig.Main.On("b", b);

        rig.Renderer.Send("a");
        rig.Renderer.Send("a");
        rig.Renderer.Send("b");
        rig.Renderer.Send("c");
        rig.Renderer.Send("a");
        await rig.FlushAsync();
        rig.Main.On("a", (_, _) => calls.Add("a2"));
        rig.Renderer.Send("a");
        await rig.FlushAsync();
        rig.Main.RemoveListener("b", b);
        rig.Renderer.Send("b");
        rig.Renderer.Send("b");
        rig.Main.RemoveAllListeners("a");
        rig.Renderer.Send("a");
        await rig.FlushAsync();

        Assert.Equal(["a", "a", "b", "a", "a", "a2"], calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AOnceRegistrationIsRemovedAloneWhenTheSameListenerIsAlsoRegisteredWithOn(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int calls = 0;
        IpcMainListener listener = (_, _) => calls++;
        rig.Main.On(Channel, listener);
        rig.Main.Once(Channel, listener);
        rig.Main.Once(Channel, listener);

        rig.Renderer.Send(Channel);
        await rig.FlushAsync();
        Assert.Equal(3, calls);
        Assert.Equal(1, rig.Main.ListenerCount(Channel));

        rig.Renderer.Send(Channel);
        await rig.FlushAsync();
        Assert.Equal(4, calls);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RemoveAllListenersWithoutAChannelClearsEveryChannel(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int calls = 0;
        rig.Main.On("a", (_, _) => calls++);
        rig.Main.On("b", (_, _) => calls++);

        rig.Main.RemoveAllListeners();
        rig.Renderer.Send("a");
        rig.Renderer.Send("b");
        await rig.FlushAsync();

        Assert.Equal(0, calls);
        Assert.Empty(rig.Main.ChannelNames);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RemoveAllListenersOfAChannelLeavesOtherChannels(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var calls = new List<string>();
        rig.Main.On("a", (_, _) => calls.Add("a"));
        rig.Main.On("b", (_, _) => calls.Add("b"));

        rig.Main.RemoveAllListeners("a");
        rig.Renderer.Send("a");
        rig.Renderer.Send("b");
        await rig.FlushAsync();

        Assert.Equal(["b"], calls);
    }

    [Fact]
    public void ChannelNamesAreInFirstRegistrationOrder()
    {
        using var main = new IpcMain();
        main.On("zeta", (_, _) => { });
        main.On("alpha", (_, _) => { });
        main.On("zeta", (_, _) => { });
        main.Once("mid", (_, _) => { });

        Assert.Equal(["zeta", "alpha", "mid"], main.ChannelNames);
    }

    [Fact]
    public void ChannelNamesDropAChannelWhoseLastListenerIsRemovedAndReaddItAtTheEnd()
    {
        using var main = new IpcMain();
        IpcMainListener listener = (_, _) => { };
        main.On("a", listener);
        main.On("b", listener);

        main.RemoveListener("a", listener);
        Assert.Equal(["b"], main.ChannelNames);

        main.On("a", listener);
        Assert.Equal(["b", "a"], main.ChannelNames);
    }

    [Fact]
    public void ListenerCountCountsEveryRegistration()
    {
        using var main = new IpcMain();
        IpcMainListener listener = (_, _) => { };
        main.On("a", listener);
        main.On("a", listener);
        main.Once("a", (_, _) => { });

        Assert.Equal(3, main.ListenerCount("a"));
        Assert.Equal(0, main.ListenerCount("nothing"));
    }

    [Fact]
    public void RemovingAListenerThatWasNeverAddedChangesNothing()
    {
        using var main = new IpcMain();
        main.On("a", (_, _) => { });

        main.RemoveListener("a", (IpcMainListener)((_, _) => { }));
        main.RemoveListener("never", (IpcMainListener)((_, _) => { }));

        Assert.Equal(1, main.ListenerCount("a"));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task RendererListenersFollowTheSameRules(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var calls = new List<string>();
        IpcRendererListener removed = (_, _) => calls.Add("removed");
        rig.Renderer.On(Channel, (_, _) => { calls.Add("first"); rig.Renderer.RemoveListener(Channel, removed); });
        rig.Renderer.On(Channel, removed);
        rig.Renderer.Once(Channel, (_, _) => calls.Add("once"));

        IpcSender sender = rig.SenderOf(rig.Renderer);
        sender.Send(Channel);
        sender.Send(Channel);
        await rig.FlushRendererAsync();

        Assert.Equal(["first", "removed", "once", "first"], calls);
        Assert.Equal([Channel], rig.Renderer.ChannelNames);
    }
}
