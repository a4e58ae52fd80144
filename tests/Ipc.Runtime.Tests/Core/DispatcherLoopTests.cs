using Ipc.Dispatch;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// The event loop's thread and turns: one background thread of its own, kept across idle moments and inline runs,
/// retired when idle or when its owner is disposed, and restarted on demand; turns of a bounded size on an application context; and its
/// synchronization context's Send.
/// </summary>
public sealed class DispatcherLoopTests
{
    /// <summary>
    /// The bound on a retired loop thread's end. Only a failure waits it out; it is well under
    /// <see cref="SerialDispatcher.IdleExit"/>, so a thread that ended only because it idled out fails the test.
    /// </summary>
    private static readonly TimeSpan WellBeforeIdleExit = SerialDispatcher.IdleExit / 2;

    private readonly List<Exception> _unhandled = [];

    [Fact]
    public void TheLoopThreadIsABackgroundThreadNamedForTheDispatcher()
    {
        SerialDispatcher dispatcher = NewDispatcher();

        Thread loop = RunAndGetThread(dispatcher);

        Assert.True(loop.IsBackground);
        Assert.Equal("IpcGen dispatcher", loop.Name);
    }

    [Fact]
    public void AnItemQueuedWhileTheLoopThreadWaitsRunsOnThatThread()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        Thread loop = RunAndGetThread(dispatcher);

        for (int i = 0; i < 3; i++)
        {
            Assert.Same(loop, RunAndGetThread(dispatcher));
        }
    }

    [Fact]
    public void TheLoopKeepsItsThreadAcrossInlineRuns()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        Thread loop = RunAndGetThread(dispatcher);

        for (int i = 0; i < 5; i++)
        {
            RunInline(dispatcher);
            Assert.Same(loop, RunAndGetThread(dispatcher));
        }

        Assert.Empty(_unhandled);
    }

    [Fact]
    public void AnItemQueuedAfterTheIdleLoopThreadRetiredStartsANewOne()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        Thread first = RunAndGetThread(dispatcher);

        Assert.True(first.Join(Rig.Patience), "the idle loop thread never retired");
        Thread second = RunAndGetThread(dispatcher);

        Assert.NotSame(first, second);
    }

    [Fact]
    public async Task ARetiredLoopRunsEverythingAlreadyQueuedThenItsThreadEndsWithoutIdling()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        using var release = new ManualResetEventSlim();
        var loop = new TaskCompletionSource<Thread>(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new List<int>();
        dispatcher.Enqueue(new ActionItem(() =>
        {
            loop.SetResult(Thread.CurrentThread);
            release.Wait();
        }));
        for (int i = 0; i < 3; i++)
        {
            int item = i;
            dispatcher.Enqueue(new ActionItem(() => ran.Add(item)));
        }

        Thread thread = await loop.Task.Bounded();
        dispatcher.Retire();
        release.Set();

        Assert.True(thread.Join(WellBeforeIdleExit), "the retired loop's thread waited for work");
        Assert.Equal([0, 1, 2], ran);
        Assert.Empty(_unhandled);
    }

    [Fact]
    public void AnIdleLoopThreadEndsAsSoonAsTheLoopIsRetired()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        Thread loop = RunAndGetThread(dispatcher); // it now waits for work, for up to IdleExit

        dispatcher.Retire();

        Assert.True(loop.Join(WellBeforeIdleExit), "the retired loop's thread waited for work");
    }

    [Fact]
    public void AnItemQueuedAfterRetirementStillRunsOnAThreadThatThenEnds()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        dispatcher.Retire();

        Thread late = RunAndGetThread(dispatcher);

        Assert.True(late.Join(WellBeforeIdleExit), "the retired loop's thread waited for work");
        Assert.Contains(late, OwnedThreads.Of(dispatcher));
    }

    [Fact]
    public void AnInlineRunTellsItsObserverBeforeAndAfterTheItem()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        var observer = new RecordingObserver();

        dispatcher.RunOrEnqueue(new ActionItem(() => observer.Calls.Add("item")), observer);

        Assert.Equal(["begin", "item", "end token"], observer.Calls);
    }

    [Fact]
    public void ATurnOnTheApplicationContextRunsAtMost64ItemsThenSchedulesTheNext()
    {
        var context = new StepContext();
        var dispatcher = new SerialDispatcher(context, _unhandled.Add);
        int ran = 0;
        for (int i = 0; i < 100; i++)
        {
            dispatcher.Enqueue(new ActionItem(() => ran++));
        }

        Assert.True(context.RunNext());
        Assert.Equal(64, ran);
        Assert.True(context.RunNext());
        Assert.Equal(100, ran);
        Assert.False(context.RunNext());
    }

    [Fact]
    public void WithAnApplicationContextTheLoopRunsWhereThatContextIsCurrent()
    {
        var context = new StepContext();
        var dispatcher = new SerialDispatcher(context, _unhandled.Add);
        bool? inside = null;
        dispatcher.Enqueue(new ActionItem(() => inside = dispatcher.IsRunningOnCurrentThread));

        Assert.True(context.RunNext());

        Assert.True(inside);
        Assert.False(dispatcher.IsRunningOnCurrentThread);
    }

    [Fact]
    public async Task SendOnTheLoopsContextFromTheLoopRunsTheCallbackAtOnce()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        var result = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        dispatcher.Enqueue(new ActionItem(() =>
        {
            bool ran = false;
            SynchronizationContext.Current!.Send(_ => ran = true, null);
            result.SetResult(ran);
        }));

        Assert.True(await result.Task.Bounded());
    }

    [Fact]
    public void SendOnTheLoopsContextFromAnotherThreadRunsTheCallbackOnTheLoopAndWaitsForIt()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        Thread loop = RunAndGetThread(dispatcher);
        SynchronizationContext context = ContextOf(dispatcher);
        Thread? ranOn = null;

        context.Send(_ => ranOn = Thread.CurrentThread, null);

        Assert.Same(loop, ranOn);
    }

    [Fact]
    public void ACallbackSentFromAnotherThreadThatThrowsFailsTheSender()
    {
        SerialDispatcher dispatcher = NewDispatcher();
        SynchronizationContext context = ContextOf(dispatcher);
        var thrown = new FormatException("callback failed");

        var error = Assert.Throws<InvalidOperationException>(() => context.Send(_ => throw thrown, null));

        Assert.Same(thrown, error.InnerException);
    }

    private SerialDispatcher NewDispatcher() => new(applicationContext: null, e =>
    {
        lock (_unhandled)
        {
            _unhandled.Add(e);
        }
    });

    /// <summary>Queues an item and returns the thread it ran on.</summary>
    private static Thread RunAndGetThread(SerialDispatcher dispatcher)
    {
        var ranOn = new TaskCompletionSource<Thread>(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Enqueue(new ActionItem(() => ranOn.SetResult(Thread.CurrentThread)));
        Assert.True(ranOn.Task.Wait(Rig.Patience), "the item never ran");
        return ranOn.Task.Result;
    }

    /// <summary>
    /// Runs an item inline on this thread. The loop must be idle for that, and it may still be finishing the item
    /// that a previous wait saw run, so an attempt that was queued instead is waited for and retried.
    /// </summary>
    private static void RunInline(SerialDispatcher dispatcher)
    {
        Thread caller = Thread.CurrentThread;
        bool ranInline = SpinWait.SpinUntil(
            () =>
            {
                using var ran = new ManualResetEventSlim();
                bool inline = false;
                dispatcher.RunOrEnqueue(new ActionItem(() =>
                {
                    inline = Thread.CurrentThread == caller;
                    ran.Set();
                }));
                Assert.True(ran.Wait(Rig.Patience), "the item never ran");
                return inline;
            },
            Rig.Patience);
        Assert.True(ranInline, "the loop never went idle");
    }

    /// <summary>The synchronization context the loop's items run under.</summary>
    private static SynchronizationContext ContextOf(SerialDispatcher dispatcher)
    {
        var context = new TaskCompletionSource<SynchronizationContext>(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Enqueue(new ActionItem(() => context.SetResult(SynchronizationContext.Current!)));
        Assert.True(context.Task.Wait(Rig.Patience), "the item never ran");
        return context.Task.Result;
    }


    private sealed class RecordingObserver : IInlineWorkObserver
    {
        public List<string> Calls { get; } = [];

        public object? BeginInlineWork()
        {
            Calls.Add("begin");
            return "token";
        }

        public void EndInlineWork(object? token) => Calls.Add($"end {token}");
    }
}
