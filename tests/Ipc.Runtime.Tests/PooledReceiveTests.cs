using Ipc.CompilerServices;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>
/// Large frames are received into pooled arrays, given back once their message has run when nothing can still read
/// them. Whatever is kept must stay intact: an untyped listener's IpcArgs, and each message's bytes until it has run,
/// however many later frames reuse the pool meanwhile.
/// </summary>
public sealed class PooledReceiveTests
{
    private const int Large = 100_000; // above the size from which frames are pooled

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnUntypedListenerThatKeepsItsArgumentsStillSeesThemIntactAfterLaterLargeMessages(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var kept = new TaskCompletionSource<IpcArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("keep", (_, args) => kept.TrySetResult(args));
        int typedRuns = 0;
        var allRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AddTypedListener(rig.Main, "pass", (_, args) =>
        {
            Assert.Equal(Large, args.Get<ReadOnlyMemory<byte>>(0).Length);
            if (++typedRuns == 40)
            {
                allRan.TrySetResult();
            }
        });

        rig.Renderer.Send("keep", Pattern(1), "after the bytes");
        IpcArgs args = await kept.Task.Bounded();
        for (int i = 0; i < 40; i++)
        {
            rig.Renderer.Send("pass", Pattern(100 + i)); // frames of the same size, each given back to the pool
        }

        await allRan.Task.Bounded();
        Assert.Equal(Pattern(1), args.Get<byte[]>(0));
        Assert.Equal(Pattern(1), args.Get<ReadOnlyMemory<byte>>(0).ToArray());
        Assert.Equal("after the bytes", args.Get<string>(1));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task EachLargeMessageReachesATypedListenerWithItsOwnBytesWhileEarlierOnesAreGivenBack(TransportKind transport)
    {
        using var rig = new Rig(transport);
        const int Messages = 60;
        var seen = new List<byte[]>();
        var allRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AddTypedListener(rig.Main, "pass", (_, args) =>
        {
            seen.Add(args.Get<byte[]>(0)!);
            if (seen.Count == Messages)
            {
                allRan.TrySetResult();
            }
        });

        for (int i = 0; i < Messages; i++)
        {
            rig.Renderer.Send("pass", Pattern(i)); // queued faster than they run: many frames are in flight at once
        }

        await allRan.Task.Bounded();
        for (int i = 0; i < Messages; i++)
        {
            Assert.Equal(Pattern(i), seen[i]);
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlerReadsItsLargeArgumentIntactAfterAnAwaitWhileOtherFramesArrive(TransportKind transport)
    {
        using var rig = new Rig(transport);
        using var release = new SemaphoreSlim(0);
        rig.Main.Handle("slow", async (_, args) =>
        {
            await release.WaitAsync();
            return args.Get<byte[]>(0)![0] + args.Get<byte[]>(0)![Large - 1];
        });
        int typedRuns = 0;
        var allRan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        AddTypedListener(rig.Main, "pass", (_, _) =>
        {
            if (++typedRuns == 20)
            {
                allRan.TrySetResult();
            }
        });

        Task<int> call = rig.Renderer.InvokeAsync<int>("slow", Pattern(7));
        for (int i = 0; i < 20; i++)
        {
            rig.Renderer.Send("pass", Pattern(50 + i));
        }

        await allRan.Task.Bounded();
        release.Release();
        byte[] expected = Pattern(7);
        Assert.Equal(expected[0] + expected[Large - 1], await call.Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task LargeRepliesArriveIntactAndAResultReadAsAViewStaysIntactAfterLaterReplies(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("pattern", (_, args) => Task.FromResult<object?>(Pattern(args.Get<int>(0))));
        rig.Main.On("pattern-sync", (e, args) => e.ReturnValue = Pattern(args.Get<int>(0)));

        ReadOnlyMemory<byte> view = await rig.Renderer.InvokeAsync<ReadOnlyMemory<byte>>("pattern", 1).Bounded();
        for (int i = 0; i < 30; i++)
        {
            Assert.Equal(Pattern(100 + i), await rig.Renderer.InvokeAsync<byte[]>("pattern", 100 + i).Bounded());
        }

        Assert.Equal(Pattern(1), view.ToArray());
        for (int i = 0; i < 10; i++)
        {
            Assert.Equal(Pattern(200 + i), rig.Renderer.SendSync<byte[]>("pattern-sync", 200 + i));
        }

        Assert.Equal(Pattern(1), view.ToArray());
    }

    /// <summary>Registers <paramref name="listener"/> as generated code registers a typed listener's adapter: under a key of its own.</summary>
    private static void AddTypedListener(IpcMain main, string channel, IpcMainListener listener) =>
        IpcListenerRegistry.Add(main, channel, listener, key: new Action(() => { }), once: false);

    private static byte[] Pattern(int seed)
    {
        byte[] bytes = new byte[Large];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
