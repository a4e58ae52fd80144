using Ipc.Dispatch;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>
/// The event loop's rules when a connection's reading thread runs a message itself (RunOrEnqueue): only when
/// the loop is idle, still one item at a time, in order, under the loop's context.
/// </summary>
public sealed class SerialDispatcherTests
{
    private readonly List<Exception> _unhandled = [];

    [Fact]
    public void AnIdleLoopRunsTheItemOnTheCallingThreadUnderTheLoopsContext()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        SynchronizationContext? outer = SynchronizationContext.Current;
        int ranOn = 0;
        bool onLoop = false;
        SynchronizationContext? inside = null;

        dispatcher.RunOrEnqueue(new ActionItem(() =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            onLoop = dispatcher.IsRunningOnCurrentThread;
            inside = SynchronizationContext.Current;
        }));

        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);
        Assert.True(onLoop);
        Assert.NotNull(inside);
        Assert.NotSame(outer, inside);
        Assert.Same(outer, SynchronizationContext.Current);
        Assert.False(dispatcher.IsRunningOnCurrentThread);
    }

    [Fact]
    public async Task ABusyLoopQueuesTheItemBehindTheRunningOne()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        using var release = new ManualResetEventSlim();
        var order = new List<string>();
        var secondRan = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Enqueue(new ActionItem(() =>
        {
            release.Wait();
            order.Add("first");
        }));

        dispatcher.RunOrEnqueue(new ActionItem(() =>
        {
            order.Add("second");
            secondRan.SetResult(Environment.CurrentManagedThreadId);
        }));

        Assert.Empty(order); // RunOrEnqueue returned without running or waiting
        release.Set();
        int secondThread = await secondRan.Task.Bounded();
        Assert.NotEqual(Environment.CurrentManagedThreadId, secondThread);
        Assert.Equal(["first", "second"], order);
    }

    [Fact]
    public async Task WorkQueuedDuringAnInlineRunRunsAfterItInOrder()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        var order = new List<string>();
        bool inlineRunning = false;
        bool overlapped = false;
        var lastRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        dispatcher.RunOrEnqueue(new ActionItem(() =>
        {
            inlineRunning = true;
            dispatcher.Enqueue(new ActionItem(() => Record("queued")));
            SynchronizationContext.Current!.Post(_ => Record("posted"), null);
            dispatcher.RunOrEnqueue(new ActionItem(() =>
            {
                Record("run-or-enqueue");
                lastRan.SetResult();
            }));
            Thread.Sleep(50); // gives a wrongly started loop thread the time to overlap
            order.Add("inline");
            inlineRunning = false;
        }));

        await lastRan.Task.Bounded();
        Assert.False(overlapped);
        Assert.Equal(["inline", "queued", "posted", "run-or-enqueue"], order);

        void Record(string name)
        {
            overlapped |= inlineRunning;
            order.Add(name);
        }
    }

    [Fact]
    public async Task WorkQueuedDuringAnInlineRunWakesALoopThreadThatIsAlreadyWaiting()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Enqueue(new ActionItem(() => started.SetResult(Environment.CurrentManagedThreadId)));
        int loopThread = await started.Task.Bounded(); // the loop's thread now waits for work (it idles 5 s)
        var queuedRan = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool inlineDone = false;
        bool ranBeforeInlineDone = false;

        dispatcher.RunOrEnqueue(new ActionItem(() =>
        {
            dispatcher.Enqueue(new ActionItem(() =>
            {
                ranBeforeInlineDone = !Volatile.Read(ref inlineDone);
                queuedRan.SetResult(Environment.CurrentManagedThreadId);
            }));
            Thread.Sleep(20);
            Volatile.Write(ref inlineDone, true);
        }));

        Assert.Equal(loopThread, await queuedRan.Task.Bounded());
        Assert.False(ranBeforeInlineDone);
    }

    [Fact]
    public void AnInlineItemThatThrowsIsReportedAndTheCallerGoesOn()
    {
        SerialDispatcher dispatcher = NewDispatcher();

        dispatcher.RunOrEnqueue(new ActionItem(() => throw new InvalidOperationException("item failed")));
        bool ranNext = false;
        dispatcher.RunOrEnqueue(new ActionItem(() => ranNext = true));

        Assert.Equal("item failed", Assert.Single(_unhandled).Message);
        Assert.True(ranNext);
    }

    [Fact]
    public async Task WithAnApplicationContextNothingRunsOnTheCallingThread()
    {
        var context = new StepContext();
        var dispatcher = new SerialDispatcher(context, _unhandled.Add);
        bool ran = false;

        dispatcher.RunOrEnqueue(new ActionItem(() => ran = true));

        Assert.False(ran);
        await Task.Run(context.RunAll).Bounded();
        Assert.True(ran);
    }

    [Fact]
    public async Task ManyReadersAndPostersNeverOverlapAndKeepEachSourcesOrder()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        const int PerSource = 5_000;
        int running = 0;
        int overlaps = 0;
        var seen = new int[3];
        var outOfOrder = 0;

        Task Source(int source, bool reader) => Task.Factory.StartNew(
            () =>
            {
                for (int i = 0; i < PerSource; i++)
                {
                    int expected = i;
                    var item = new ActionItem(() =>
                    {
                        if (Interlocked.Increment(ref running) != 1)
                        {
                            Interlocked.Increment(ref overlaps);
                        }

                        if (seen[source] != expected)
                        {
                            Interlocked.Increment(ref outOfOrder);
                        }

                        seen[source] = expected + 1;
                        Interlocked.Decrement(ref running);
                    });
                    if (reader)
                    {
                        dispatcher.RunOrEnqueue(item);
                    }
                    else
                    {
                        dispatcher.Enqueue(item);
                    }
                }
            },
            TaskCreationOptions.LongRunning);

        await Task.WhenAll(Source(0, reader: true), Source(1, reader: true), Source(2, reader: false)).Bounded();
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Enqueue(new ActionItem(drained.SetResult));
        await drained.Task.Bounded();

        Assert.Equal(0, overlaps);
        Assert.Equal(0, outOfOrder);
        Assert.Equal([PerSource, PerSource, PerSource], seen);
    }

    private SerialDispatcher NewDispatcher() => new(applicationContext: null, e =>
    {
        lock (_unhandled)
        {
            _unhandled.Add(e);
        }
    });
}
