using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>Main runs listeners and handlers one at a time, in per-renderer send order, where it is told to.</summary>
public sealed class DispatchTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MessagesFromOneRendererAreDispatchedInSendOrderAcrossSendSendSyncAndInvoke(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var seen = new List<int>();
        rig.Main.On("send", (_, args) => seen.Add(args.Get<int>(0)));
        rig.Main.On("sync", (e, args) => { seen.Add(args.Get<int>(0)); e.ReturnValue = true; });
        rig.Main.Handle("invoke", (_, args) => { seen.Add(args.Get<int>(0)); return Task.FromResult<object?>(true); });

        var random = new Random(20261124);
        var invocations = new List<Task<bool>>();
        for (int i = 0; i < 1_000; i++)
        {
            switch (random.Next(3))
            {
                case 0: rig.Renderer.Send("send", i); break;
                case 1: rig.Renderer.SendSync<bool>("sync", i); break;
                default: invocations.Add(rig.Renderer.InvokeAsync<bool>("invoke", i)); break;
            }
        }

        await Task.WhenAll(invocations).Bounded();
        await rig.FlushAsync();

        Assert.Equal(Enumerable.Range(0, 1_000), seen);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ListenersAndHandlersNeverRunConcurrently(TransportKind transport)
    {
        using var rig = new Rig(transport);
        IpcRenderer second = rig.Connect();
        int running = 0;
        int overlaps = 0;
        void Enter()
        {
            if (Interlocked.Increment(ref running) != 1)
            {
                Interlocked.Increment(ref overlaps);
            }

            Thread.SpinWait(2_000);
            Interlocked.Decrement(ref running);
        }

        rig.Main.On("work", (_, _) => Enter());
        rig.Main.Handle("async-work", async (_, _) =>
        {
            Enter();
            await Task.Yield(); // the continuation must come back to main's dispatcher
            Enter();
            return null;
        });

        Task Storm(IpcRenderer renderer) => Task.Run(async () =>
        {
            var calls = new List<Task>();
            for (int i = 0; i < 200; i++)
            {
                renderer.Send("work");
                calls.Add(renderer.InvokeAsync<object>("async-work"));
            }

            await Task.WhenAll(calls);
        });

        await Task.WhenAll(Storm(rig.Renderer), Storm(second)).Bounded();

        Assert.Equal(0, overlaps);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ListenersRunOnTheSuppliedSynchronizationContext(TransportKind transport)
    {
        using var context = new SingleThreadContext();
        using var rig = new Rig(transport, new IpcMainOptions { SynchronizationContext = context });
        var threads = new List<int>();
        rig.Main.On("ch", (_, _) => threads.Add(Environment.CurrentManagedThreadId));
        rig.Main.Handle("async", async (_, _) =>
        {
            threads.Add(Environment.CurrentManagedThreadId);
            await Task.Yield();
            threads.Add(Environment.CurrentManagedThreadId);
            return null;
        });

        rig.Renderer.Send("ch");
        await rig.Renderer.InvokeAsync<object>("async").Bounded();
        await rig.FlushAsync();

        Assert.Equal(3, threads.Count);
        Assert.All(threads, id => Assert.Equal(context.ThreadId, id));
    }

    [Fact]
    public async Task MainKeepsReadingFireAndForgetMessagesWhileTheirListenerBlocks()
    {
        // Far more than a socket buffer holds: if main stopped reading this renderer while a listener of one of
        // its messages ran, these sends would block until the listener returned.
        const int Messages = 200;
        string payload = new('x', 16 * 1024);
        using var rig = new Rig(TransportKind.Socket);
        using var release = new ManualResetEventSlim();
        int received = 0;
        rig.Main.On("block", (_, _) => release.Wait(Rig.Patience));
        rig.Main.On("fill", (_, _) => Interlocked.Increment(ref received));

        rig.Renderer.Send("block");
        await Task.Run(() =>
        {
            for (int i = 0; i < Messages; i++)
            {
                rig.Renderer.Send("fill", payload);
            }
        }).Bounded();

        Assert.False(release.IsSet);
        Assert.Equal(0, Volatile.Read(ref received)); // still one at a time: nothing ran past the blocked listener
        release.Set();
        await rig.FlushAsync();
        Assert.Equal(Messages, received);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AThrowingListenerIsReportedAndTheOthersStillRun(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var calls = new List<string>();
        rig.Main.On("ch", (_, _) => calls.Add("before"));
        rig.Main.On("ch", (_, _) => throw new InvalidOperationException("listener failed"));
        rig.Main.On("ch", (_, _) => calls.Add("after"));

        rig.Renderer.Send("ch");
        await rig.FlushAsync();

        Assert.Equal(["before", "after"], calls);
        IpcErrorEventArgs error = Assert.Single(rig.MainErrors);
        Assert.Equal("ch", error.Channel);
        Assert.Equal("listener failed", error.Exception.Message);
        Assert.Equal(rig.Renderer.Id, error.Sender?.Id);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AThrowingListenerDoesNotStopOtherChannelsOrTheConnection(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int later = 0;
        rig.Main.On("bad", (_, _) => throw new InvalidOperationException("boom"));
        rig.Main.On("good", (_, _) => later++);

        for (int i = 0; i < 10; i++)
        {
            rig.Renderer.Send("bad");
            rig.Renderer.Send("good");
        }

        await rig.FlushAsync();

        Assert.Equal(10, later);
        Assert.Equal(10, rig.MainErrors.Count);
        Assert.True(rig.Renderer.IsConnected);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnAsyncVoidListenerThatThrowsAfterAwaitIsReported(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var reported = new TaskCompletionSource<IpcErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Error += (_, e) => reported.TrySetResult(e);
        rig.Main.On("ch", async (_, _) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("late failure");
        });

        rig.Renderer.Send("ch");

        Assert.Equal("late failure", (await reported.Task.Bounded()).Exception.Message);
    }

    [Fact]
    public async Task AnErrorHandlerThatThrowsDoesNotStopTheDispatcher()
    {
        using var main = new IpcMain();
        using IpcRenderer renderer = main.ConnectInProcess();
        main.Error += (_, _) => throw new InvalidOperationException("the error handler is broken too");
        main.On("bad", (_, _) => throw new InvalidOperationException("boom"));
        main.On("good", (e, _) => e.ReturnValue = "still here");

        renderer.Send("bad");

        Assert.Equal("still here", await Task.Run(() => renderer.SendSync<string>("good")).Bounded());
    }
}
