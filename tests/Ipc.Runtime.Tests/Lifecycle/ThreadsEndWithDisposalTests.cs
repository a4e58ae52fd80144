using Ipc.Connection;
using Ipc.Dispatch;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.Lifecycle;

/// <summary>
/// No thread outlives its endpoint: once Dispose or DisposeAsync of main and its renderer has returned, every thread
/// IpcGen started for either (dispatcher, accept, handshake, readers, writers) ends at once, without idling out.
/// </summary>
/// <remarks>
/// The threads are the ones <see cref="OwnedThreads"/> recorded under each endpoint, so other tests running meanwhile do
/// not count. The bound only matters when the test fails; it is well under <see cref="SerialDispatcher.IdleExit"/>, so
/// a dispatcher thread that ends only because it idled out fails the test.
/// </remarks>
public sealed class ThreadsEndWithDisposalTests
{
    private static readonly TimeSpan WellBeforeIdleExit = SerialDispatcher.IdleExit / 2;

    private static readonly string LargePayload = new('x', 1024 * 1024); // more than a socket takes at once: main's writer thread writes it

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task NoThreadOfMainOrOfItsRendererRemainsOnceDisposeHasReturned(TransportKind transport)
    {
        var rig = new Rig(transport);
        (SerialDispatcher main, SerialDispatcher renderer) = await ExerciseAsync(rig);

        rig.Dispose(); // the renderer's Dispose, then main's

        AssertEveryThreadEnds(main, "main");
        AssertEveryThreadEnds(renderer, "the renderer");
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task NoThreadOfMainOrOfItsRendererRemainsOnceDisposeAsyncHasReturned(TransportKind transport)
    {
        var rig = new Rig(transport);
        (SerialDispatcher main, SerialDispatcher renderer) = await ExerciseAsync(rig);

        await rig.Renderer.DisposeAsync();
        await rig.Main.DisposeAsync();

        AssertEveryThreadEnds(main, "main");
        AssertEveryThreadEnds(renderer, "the renderer");
    }

    /// <summary>Runs items on both dispatchers' own threads and sends main's writer thread something to write.</summary>
    private static async Task<(SerialDispatcher Main, SerialDispatcher Renderer)> ExerciseAsync(Rig rig)
    {
        var received = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.On("large", (_, _) => received.TrySetResult());
        rig.SenderOf(rig.Renderer).Send("large", LargePayload);
        await received.Task.Bounded();
        await rig.FlushAsync();
        await rig.FlushRendererAsync();

        SerialDispatcher main = rig.Main.Dispatcher;
        SerialDispatcher renderer = ((IPeerEndpoint)rig.Renderer).Dispatcher;
        await RunOnLoopThreadAsync(main); // calls may all have run inline on reading threads: this starts the loop's own
        await RunOnLoopThreadAsync(renderer);
        return (main, renderer);
    }

    private static async Task RunOnLoopThreadAsync(SerialDispatcher dispatcher)
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dispatcher.Enqueue(new ActionItem(ran.SetResult));
        await ran.Task.Bounded();
        Assert.Contains(OwnedThreads.Of(dispatcher), t => t.Name == "IpcGen dispatcher"); // the record is not empty: the test checks something
    }

    /// <summary>Waits for every thread recorded under <paramref name="owner"/>, including any started after the first look.</summary>
    private static void AssertEveryThreadEnds(SerialDispatcher owner, string endpoint)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (OwnedThreads.Of(owner).FirstOrDefault(t => t.IsAlive) is { } alive)
        {
            TimeSpan left = WellBeforeIdleExit - waited.Elapsed;
            Assert.True(
                left > TimeSpan.Zero && alive.Join(left),
                $"The thread '{alive.Name}' of {endpoint} still runs {waited.Elapsed.TotalSeconds:0.0} s after its disposal; alive: {string.Join(", ", OwnedThreads.Of(owner).Where(t => t.IsAlive).Select(t => t.Name))}.");
        }
    }
}
