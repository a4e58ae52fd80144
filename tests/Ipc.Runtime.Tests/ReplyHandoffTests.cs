using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>
/// SendSync callers that read their own replies (leader/follower, on a renderer's socket): however the reading side
/// passes between callers and the renderer's reading thread, every caller gets its own answer, a caller that leaves
/// leaves reading to someone else, main's frames are delivered in order, and main's departure is seen. On the other
/// transports the same rules hold with the reading thread alone.
/// </summary>
public sealed class ReplyHandoffTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ManyThreadsCallingSendSyncAtOnceEachGetTheirOwnAnswers(TransportKind transport)
    {
        const int threads = 16;
        const int callsPerThread = 500;
        using var rig = new Rig(transport);
        rig.Main.On("echo", (e, args) => e.ReturnValue = args.Get<string>(0));
        var wrong = new List<string>();

        Task[] callers = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
            () =>
            {
                for (int i = 0; i < callsPerThread; i++)
                {
                    string mine = $"{t}:{i}";
                    string? answer = rig.Renderer.SendSync<string>("echo", mine);
                    if (answer != mine)
                    {
                        lock (wrong)
                        {
                            wrong.Add($"{mine} got {answer}");
                        }
                    }
                }
            },
            TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(callers).WaitAsync(Rig.Patience * 3);
        Assert.Empty(wrong);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ACallerThatTimesOutWhileOthersWaitLeavesReadingToThemAndTheyGetTheirAnswers(TransportKind transport)
    {
        using var release = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { SendSyncTimeout = TimeSpan.FromMilliseconds(300), InvokeTimeout = Rig.Patience });
        rig.Main.On("block", (e, _) => { blocked.TrySetResult(); release.Wait(Rig.Patience); e.ReturnValue = "late"; });
        rig.Main.On("echo", (e, args) => e.ReturnValue = args.Get<int>(0));
        rig.Main.Handle("add", (_, args) => Task.FromResult<object?>(args.Get<int>(0) + 1));

        // The first caller finds nobody reading and leads; main answers nothing until it has given up.
        Task<IpcTimeoutException> leader = Task.Factory.StartNew(() => Assert.Throws<IpcTimeoutException>(() => rig.Renderer.SendSync<string>("block")), TaskCreationOptions.LongRunning);
        await blocked.Task.Bounded();
        Task<int>[] followers = Enumerable.Range(0, 8).Select(i => rig.Renderer.InvokeAsync<int>("add", i)).ToArray();

        IpcTimeoutException timedOut = await leader.Bounded();
        release.Set(); // main answers the late call (dropped) and then the followers: someone must still read for them

        Assert.Equal("block", timedOut.Channel);
        Assert.Equal(Enumerable.Range(1, 8), await Task.WhenAll(followers).Bounded());
        Assert.Equal(42, SendSyncUntilAnswered(rig.Renderer, "echo", 42)); // and the next caller may lead again
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task CallersWaitingWhenMainIsDisposedFailAtOnceWithIpcDisconnectedException(TransportKind transport)
    {
        using var release = new ManualResetEventSlim();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { SendSyncTimeout = Timeout.InfiniteTimeSpan, InvokeTimeout = Timeout.InfiniteTimeSpan });
        rig.Main.On("block", (e, _) => { blocked.TrySetResult(); release.Wait(Rig.Patience); });
        rig.Main.Handle("never", (_, _) => new TaskCompletionSource<object?>().Task);

        try
        {
            // Without a timeout, only the connection's end can end these calls: one leads, the others follow.
            Task<Exception> leader = CallSyncOnThread(rig.Renderer, "block");
            await blocked.Task.Bounded();
            Task<Exception>[] syncFollowers = Enumerable.Range(0, 3).Select(_ => CallSyncOnThread(rig.Renderer, "block")).ToArray();
            Task invokeFollower = rig.Renderer.InvokeAsync<object>("never");

            rig.Main.Dispose();

            Assert.IsType<IpcDisconnectedException>(await leader.Bounded());
            foreach (Task<Exception> follower in syncFollowers)
            {
                Assert.IsType<IpcDisconnectedException>(await follower.Bounded());
            }

            await Assert.ThrowsAsync<IpcDisconnectedException>(() => invokeFollower.Bounded());
            Assert.Throws<IpcDisconnectedException>(() => rig.Renderer.SendSync<int>("block"));
        }
        finally
        {
            release.Set();
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MainsMessagesAndInvocationsArrivingWhileACallerWaitsReachTheRendererInOrder(TransportKind transport)
    {
        const int calls = 200;
        var seen = new List<string>();
        var invocations = new List<Task<int>>();
        using var rig = new Rig(transport);
        IpcRenderer renderer = rig.Connect(configure: r =>
        {
            r.On("note", (_, args) => { lock (seen) { seen.Add($"note {args.Get<int>(0)}"); } });
            r.Handle("ask", (_, args) =>
            {
                lock (seen)
                {
                    seen.Add($"ask {args.Get<int>(0)}");
                }

                return Task.FromResult<object?>(args.Get<int>(0) * 2);
            });
        });

        // Written before each reply, so they arrive while the caller waits for it (and reads, when it leads).
        rig.Main.On("sync", (e, args) =>
        {
            int i = args.Get<int>(0);
            e.Sender.Send("note", i);
            lock (invocations)
            {
                invocations.Add(e.Sender.InvokeAsync<int>("ask", i));
            }

            e.Sender.Send("note", -i);
            e.ReturnValue = i;
        });

        for (int i = 1; i <= calls; i++)
        {
            Assert.Equal(i, renderer.SendSync<int>("sync", i));
        }

        Task<int>[] asked;
        lock (invocations)
        {
            asked = [.. invocations];
        }

        Assert.Equal(Enumerable.Range(1, calls).Select(i => i * 2), await Task.WhenAll(asked).Bounded());
        await rig.FlushRendererAsync(renderer);
        string[] expected = Enumerable.Range(1, calls).SelectMany(i => new[] { $"note {i}", $"ask {i}", $"note {-i}" }).ToArray();
        lock (seen)
        {
            Assert.Equal(expected, seen);
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MainsDepartureIsSeenWhileNoCallIsPending(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("echo", (e, args) => e.ReturnValue = args.Get<int>(0));
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.Disconnected += (_, _) => disconnected.TrySetResult();
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i, rig.Renderer.SendSync<int>("echo", i)); // callers lead, and the reading thread parks meanwhile
        }

        rig.Main.Dispose();

        await disconnected.Task.Bounded();
        Assert.False(rig.Renderer.IsConnected);
        Assert.Throws<IpcDisconnectedException>(() => rig.Renderer.SendSync<int>("echo", 1));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AMessageMainSendsAfterTheLastCallIsDelivered(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        IpcRenderer renderer = rig.Connect(configure: r => r.On("later", (_, args) => received.TrySetResult(args.Get<int>(0))));
        rig.Main.On("echo", (e, args) => e.ReturnValue = args.Get<int>(0));
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(i, renderer.SendSync<int>("echo", i));
        }

        // Nobody calls any more: the reading thread alone must read this.
        rig.SenderOf(renderer).Send("later", 7);

        Assert.Equal(7, await received.Task.Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task CallsAndMainsMessagesTakingTurnsAreEachAnsweredAndDelivered(TransportKind transport)
    {
        // Calls make the reading thread wait in poll and let callers lead; runs of main's messages with no call near
        // them send it back to blocking reads, where the next caller follows it. Every turn must still be answered.
        using var rig = new Rig(transport);
        int delivered = 0;
        IpcRenderer renderer = rig.Connect(configure: r => r.On("note", (_, _) => Interlocked.Increment(ref delivered)));
        rig.Main.On("echo", (e, args) => e.ReturnValue = args.Get<int>(0));
        IpcSender toRenderer = rig.SenderOf(renderer);
        int sent = 0;
        for (int turn = 0; turn < 20; turn++)
        {
            for (int i = 0; i < 10; i++)
            {
                Assert.Equal(turn * 10 + i, renderer.SendSync<int>("echo", turn * 10 + i));
            }

            for (int i = 0; i < 10; i++)
            {
                toRenderer.Send("note");
                sent++;
                await rig.FlushRendererAsync(renderer); // one wake of the reading thread per message
            }
        }

        Assert.Equal(sent, Volatile.Read(ref delivered));
    }

    /// <summary>
    /// A SendSync tried again while it times out (each try leads, or follows, and leaves on its deadline): with a short
    /// SendSyncTimeout a loaded machine may take longer than one try to answer, and that is not what a test asserts.
    /// </summary>
    private static int SendSyncUntilAnswered(IpcRenderer renderer, string channel, int value)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return renderer.SendSync<int>(channel, value);
            }
            catch (IpcTimeoutException) when (waited.Elapsed < Rig.Patience)
            {
            }
        }
    }

    /// <summary>A SendSync on a thread of its own; completes with what it threw.</summary>
    private static Task<Exception> CallSyncOnThread(IpcRenderer renderer, string channel) =>
        Task.Factory.StartNew(() => Assert.ThrowsAny<Exception>(() => renderer.SendSync<object>(channel)), TaskCreationOptions.LongRunning);
}
