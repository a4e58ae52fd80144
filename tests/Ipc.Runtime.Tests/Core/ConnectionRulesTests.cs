using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Core;

/// <summary>Rules of the connection core seen through the public API, on every transport.</summary>
public sealed class ConnectionRulesTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ACallAfterTheConnectionClosedFailsNamingItsChannel(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Disconnected += (_, _) => disconnected.SetResult();
        rig.Main.Dispose();
        await disconnected.Task.Bounded();

        var invoke = await Assert.ThrowsAsync<IpcDisconnectedException>(() => rig.Renderer.InvokeAsync<int>("late-invoke").Bounded());
        var sync = Assert.Throws<IpcDisconnectedException>(() => rig.Renderer.SendSync<int>("late-sync"));

        Assert.Equal("late-invoke", invoke.Channel);
        Assert.Equal("late-sync", sync.Channel);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ARenderersDepartureCancelsTheTokenOfMainsRunningHandler(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle("long", (e, _) =>
        {
            e.CancellationToken.Register(cancelled.SetResult);
            started.SetResult();
            return new TaskCompletionSource<object?>().Task;
        });

        Task<int> call = rig.Renderer.InvokeAsync<int>("long");
        await started.Task.Bounded();
        rig.Renderer.Dispose();

        await cancelled.Task.Bounded();
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => call.Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnInvocationThatStartsAfterItsRendererLeftGetsAnAlreadyCancelledToken(TransportKind transport)
    {
        using var rig = new Rig(transport);
        using var release = new ManualResetEventSlim();
        var blocking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelledAtStart = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("block", (_, _) =>
        {
            blocking.SetResult();
            release.Wait(Rig.Patience);
        });
        rig.Main.Handle("late", (e, _) =>
        {
            cancelledAtStart.SetResult(e.CancellationToken.IsCancellationRequested);
            return Task.FromResult<object?>(null);
        });
        int id = rig.Renderer.Id;

        rig.Renderer.Send("block");
        await blocking.Task.Bounded();
        Task<object?> call = rig.Renderer.InvokeAsync<object>("late"); // queued behind the blocked listener
        rig.Renderer.Dispose();
        Assert.True(SpinWait.SpinUntil(() => rig.Main.Renderers.All(r => r.Id != id), Rig.Patience), "main never saw the renderer leave");
        release.Set();

        Assert.True(await cancelledAtStart.Task.Bounded());
        await Assert.ThrowsAsync<IpcDisconnectedException>(() => call.Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerThatThrowsOperationCanceledWithoutBeingCancelledIsARemoteError(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("gives-up", (_, _) => throw new OperationCanceledException("gave up on its own"));

        var error = await Assert.ThrowsAsync<IpcRemoteException>(() => rig.Renderer.InvokeAsync<int>("gives-up").Bounded());

        Assert.Equal(typeof(OperationCanceledException).FullName, error.RemoteType);
        Assert.Equal("gave up on its own", error.RemoteMessage);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnUnserializableHandlerResultReachesTheCallerAsAReplyThatCouldNotBeSent(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("bad-result", (_, _) => Task.FromResult<object?>(new WithCallback { Callback = () => { } }));

        var error = await Assert.ThrowsAsync<IpcException>(() => rig.Renderer.InvokeAsync<int>("bad-result").Bounded());

        Assert.IsNotType<IpcRemoteException>(error); // the handler returned normally: its reply failed, not the handler
        Assert.Contains("returned normally, but its reply could not be sent", error.Message);
        Assert.Contains("The return value of 'bad-result'", error.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnUnserializableHandlerResultIsReportedThroughMainsErrorEvent(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("bad-result", (_, _) => Task.FromResult<object?>(new WithCallback { Callback = () => { } }));

        await Assert.ThrowsAsync<IpcException>(() => rig.Renderer.InvokeAsync<int>("bad-result").Bounded());
        await rig.FlushAsync();

        IpcErrorEventArgs reported;
        lock (rig.MainErrors)
        {
            reported = Assert.Single(rig.MainErrors);
        }

        Assert.IsType<IpcSerializationException>(reported.Exception);
        Assert.Equal("bad-result", reported.Channel);
        Assert.Equal(rig.Renderer.Id, reported.Sender?.Id);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task IsSyncTellsASendSyncFromASend(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var seen = new List<bool>();
        rig.Main.On("ch", (e, _) =>
        {
            seen.Add(e.IsSync);
            e.ReturnValue = true;
        });

        rig.Renderer.Send("ch");
        rig.Renderer.SendSync<bool>("ch");
        await rig.FlushAsync();

        Assert.Equal([false, true], seen);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ReturnValueOnAFireAndForgetMessageIsKeptForReadingAndSendsNothing(TransportKind transport)
    {
        using var rig = new Rig(transport);
        object? readBack = null;
        rig.Main.On("ch", (e, _) =>
        {
            e.ReturnValue = 5;
            readBack = e.ReturnValue;
        });

        rig.Renderer.Send("ch");
        await rig.FlushAsync();

        Assert.Equal(5, readBack);
        Assert.Empty(rig.MainErrors);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void SendSyncWithNoListenerSaysNoListenerIsRegistered(TransportKind transport)
    {
        using var rig = new Rig(transport);

        var error = Assert.Throws<IpcNoReplyException>(() => rig.Renderer.SendSync<string>("nobody-listens"));

        Assert.Contains("No listener is registered", error.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void WhenSeveralSyncListenersThrowTheCallerGetsTheFirstError(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (_, _) => throw new InvalidOperationException("first"));
        rig.Main.On("sync", (_, _) => throw new FormatException("second"));

        var error = Assert.Throws<IpcRemoteException>(() => rig.Renderer.SendSync<string>("sync"));

        Assert.Equal(typeof(InvalidOperationException).FullName, error.RemoteType);
        Assert.Equal("first", error.RemoteMessage);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void AReturnValueAboveTheMaximumSizeIsRefusedAtTheAssignment(TransportKind transport)
    {
        using var rig = new Rig(transport, new IpcMainOptions { MaxMessageSize = 64 * 1024 });
        rig.Main.On("sync", (e, _) => e.ReturnValue = new string('x', 100_000)); // throws, so the caller gets that error

        var error = Assert.Throws<IpcRemoteException>(() => rig.Renderer.SendSync<string>("sync"));

        Assert.Equal(typeof(IpcMessageTooLargeException).FullName, error.RemoteType);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AOnceListenerWhoseChannelIsClearedDuringTheEmitStillRunsInIt(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int onceRan = 0;
        rig.Main.On("ch", (_, _) => rig.Main.RemoveAllListeners("ch"));
        rig.Main.Once("ch", (_, _) => onceRan++);

        rig.Renderer.Send("ch");
        await rig.FlushAsync();

        Assert.Equal(1, onceRan);
        Assert.Empty(rig.MainErrors);
    }

    [Fact]
    public void AddingAnotherListenerKeepsTheChannelsPlaceInChannelNames()
    {
        using var main = new IpcMain();
        main.On("a", (_, _) => { });
        main.On("b", (_, _) => { });
        main.On("a", (_, _) => { });

        Assert.Equal(["a", "b"], main.ChannelNames);
    }

    [Fact]
    public void ChannelNamesFollowFirstRegistrationOrderOverManyChannels()
    {
        using var main = new IpcMain();
        string[] names = [.. Enumerable.Range(0, 40).Select(i => $"channel-{(i * 17) % 40}")];
        foreach (string name in names)
        {
            main.On(name, (_, _) => { });
        }

        Assert.Equal(names, main.ChannelNames);
    }

    public sealed class WithCallback
    {
        public Action? Callback { get; set; }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void ARenderersProcessIdIsWhatTheOSReportsForTheConnectionAndAWebPagesIsZeroBesideItsOrigin(TransportKind transport)
    {
        using var rig = new Rig(transport);

        IpcSender renderer = Assert.Single(rig.Main.Renderers);
        if (transport == TransportKind.WebSocket)
        {
            Assert.Equal(0, renderer.ProcessId); // a page's process is unknown
            Assert.Equal(rig.Main.ListenWeb().BaseAddress.GetLeftPart(UriPartial.Authority), renderer.Origin);
        }
        else
        {
            Assert.Equal(Environment.ProcessId, renderer.ProcessId); // the test's renderer lives in this process
            Assert.Null(renderer.Origin);
        }
    }
}
