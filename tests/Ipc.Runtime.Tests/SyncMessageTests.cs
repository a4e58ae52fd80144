using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>SendSync and ReturnValue: never hang, first answer wins, clear errors.</summary>
public sealed class SyncMessageTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void SendSyncReturnsTheReturnValueAListenerSets(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (e, args) => e.ReturnValue = args.Get<string>(0) + " pong");

        Assert.Equal("ping pong", rig.Renderer.SendSync<string>("sync", "ping"));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TheFirstReturnValueAssignmentIsTheReply(TransportKind transport)
    {
        using var rig = new Rig(transport);
        object? seenByLaterListener = null;
        rig.Main.On("sync", (e, _) => { e.ReturnValue = 1; e.ReturnValue = 2; });
        rig.Main.On("sync", (e, _) => { e.ReturnValue = 3; seenByLaterListener = e.ReturnValue; });

        Assert.Equal(1, rig.Renderer.SendSync<int>("sync"));
        await rig.FlushAsync(); // the reply went out before the second listener ran

        Assert.Equal(1, seenByLaterListener);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void SendSyncWithNoListenerThrowsIpcNoReplyExceptionNamingTheChannel(TransportKind transport)
    {
        using var rig = new Rig(transport);

        var error = Assert.Throws<IpcNoReplyException>(() => rig.Renderer.SendSync<string>("nobody-listens"));

        Assert.Equal("nobody-listens", error.Channel);
        Assert.Contains("'nobody-listens'", error.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void SendSyncWhenNoListenerSetsReturnValueThrowsIpcNoReplyException(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int ran = 0;
        rig.Main.On("sync", (_, _) => ran++);
        rig.Main.On("sync", (_, _) => ran++);

        var error = Assert.Throws<IpcNoReplyException>(() => rig.Renderer.SendSync<string>("sync"));

        Assert.Equal(2, ran);
        Assert.Contains("ReturnValue", error.Message);
        Assert.Contains("'sync'", error.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void AThrowingSyncListenerMakesSendSyncThrowIpcRemoteException(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (_, _) => throw new InvalidOperationException("broken listener"));

        var error = Assert.Throws<IpcRemoteException>(() => rig.Renderer.SendSync<string>("sync"));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("broken listener", error.RemoteMessage);
        Assert.Equal("sync", error.Channel);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void AThrowingSyncListenerIsAlsoReportedThroughMainsErrorEvent(TransportKind transport)
    {
        // Over a socket the call runs on main's reading thread when main is idle; its errors must still reach Error.
        using var rig = new Rig(transport);
        rig.Main.On("sync", (_, _) => throw new InvalidOperationException("broken listener"));

        Assert.Throws<IpcRemoteException>(() => rig.Renderer.SendSync<string>("sync"));

        IpcErrorEventArgs reported;
        lock (rig.MainErrors)
        {
            reported = Assert.Single(rig.MainErrors);
        }

        Assert.Equal("broken listener", reported.Exception.Message);
        Assert.Equal("sync", reported.Channel);
        Assert.Equal(rig.Renderer.Id, reported.Sender?.Id);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void AListenerThatAnswersAfterAThrowingOneStillAnswers(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (_, _) => throw new InvalidOperationException("first fails"));
        rig.Main.On("sync", (e, _) => e.ReturnValue = "second answers");

        Assert.Equal("second answers", rig.Renderer.SendSync<string>("sync"));
        Assert.Single(rig.MainErrors);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ReturnValueSetAfterAnAwaitIsIgnoredAndTheCallerGetsNoReply(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var lateAssignmentDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("sync", async (e, _) =>
        {
            await Task.Yield();
            e.ReturnValue = "too late";
            lateAssignmentDone.SetResult();
        });

        Assert.Throws<IpcNoReplyException>(() => rig.Renderer.SendSync<string>("sync"));
        await lateAssignmentDone.Task.Bounded();
        Assert.Empty(rig.MainErrors);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task SendSyncTimesOutWhenAListenerBlocksAndOtherChannelsFlowAfterwards(TransportKind transport)
    {
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromMilliseconds(200) });
        using var release = new ManualResetEventSlim();
        rig.Main.On("blocks", (_, _) => release.Wait(Rig.Patience));
        rig.Main.On("works", (e, _) => e.ReturnValue = "ok");

        var error = Assert.Throws<IpcTimeoutException>(() => rig.Renderer.SendSync<string>("blocks"));
        release.Set();

        // The follow-up call goes through a renderer with the default timeout: on a loaded machine 200 ms is
        // no bound for a call that must succeed.
        IpcRenderer patient = rig.Connect();
        Assert.Equal("blocks", error.Channel);
        Assert.Equal("ok", patient.SendSync<string>("works"));
        await rig.FlushAsync(); // and the renderer whose call timed out still works
    }

    [Fact]
    public void SendSyncOnMainsOwnDispatcherThrowsInsteadOfDeadlocking()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();
        Exception? seen = null;
        main.On("inner", (e, _) => e.ReturnValue = "never reached");
        main.On("outer", (e, _) =>
        {
            seen = Record.Exception(() => renderer.SendSync<string>("inner"));
            e.ReturnValue = "done";
        });

        Assert.Equal("done", renderer.SendSync<string>("outer"));
        Assert.IsType<InvalidOperationException>(seen);
    }

    [Fact]
    public void SendSyncOnMainsOwnDispatcherThrowsAlsoWhenTheOuterCallRunsOnASocketReadingThread()
    {
        // The outer SendSync arrives over a socket and finds main's loop idle, so main's reading thread runs it:
        // that thread holds the loop, and an in-process SendSync from there must still be refused.
        using var rig = new Rig(TransportKind.Socket);
        using IpcRenderer inProcess = rig.Main.ConnectInProcess();
        Exception? seen = null;
        rig.Main.On("inner", (e, _) => e.ReturnValue = "never reached");
        rig.Main.On("outer", (e, _) =>
        {
            seen = Record.Exception(() => inProcess.SendSync<string>("inner"));
            e.ReturnValue = "done";
        });

        Assert.Equal("done", rig.Renderer.SendSync<string>("outer"));
        Assert.IsType<InvalidOperationException>(seen);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void SendSyncFromEightThreadsAtOnceEachGetTheirOwnAnswer(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("double", (e, args) => e.ReturnValue = args.Get<int>(0) * 2);

        int[] answers = new int[8 * 50];
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, thread =>
        {
            for (int i = 0; i < 50; i++)
            {
                int value = thread * 1000 + i;
                answers[thread * 50 + i] = rig.Renderer.SendSync<int>("double", value);
            }
        });

        for (int thread = 0; thread < 8; thread++)
        {
            for (int i = 0; i < 50; i++)
            {
                Assert.Equal((thread * 1000 + i) * 2, answers[thread * 50 + i]);
            }
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void ReturnValueCanBeAnObjectGraph(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (e, _) => e.ReturnValue = new Point(3, 4, ["a", "b"]));

        Point? point = rig.Renderer.SendSync<Point>("sync");

        Assert.NotNull(point);
        Assert.Equal((3, 4), (point.X, point.Y));
        Assert.Equal(["a", "b"], point.Tags);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void AnUnserializableReturnValueIsReportedToTheCaller(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (e, _) => e.ReturnValue = new WithCallback { Callback = () => { } });

        var error = Assert.Throws<IpcRemoteException>(() => rig.Renderer.SendSync<string>("sync"));

        Assert.Equal(typeof(IpcSerializationException).FullName, error.RemoteType);
        Assert.Contains("Callback", error.RemoteMessage);
    }

    public sealed record Point(int X, int Y, List<string> Tags);

    public sealed class WithCallback
    {
        public Action? Callback { get; set; }
    }
}
