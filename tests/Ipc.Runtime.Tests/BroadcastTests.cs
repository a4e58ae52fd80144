using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>A broadcast (the generated main → renderer view, through <see cref="IpcRendererTarget"/>) reaches every renderer and is serialised once.</summary>
public sealed class BroadcastTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ABroadcastReachesEveryRendererAndSerialisesEachArgumentOnceForAll(TransportKind transport)
    {
        var serializer = new CountingSerializer();
        using var rig = new Rig(transport, new IpcMainOptions { Serializer = serializer }, new IpcRendererOptions { Serializer = serializer });
        var received = new List<Task<string?>>();
        foreach (IpcRenderer renderer in new[] { rig.Renderer, rig.Connect(), rig.Connect() })
        {
            var delivered = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            renderer.On("news", (_, args) => delivered.TrySetResult(args.Get<string>(0)));
            received.Add(delivered.Task);
        }

        int before = serializer.Count("extra!");
        IpcRendererTarget.All(rig.Main).Send("news", ["extra!"]);

        string?[] arrived = await Task.WhenAll(received).Bounded();
        Assert.All(arrived, text => Assert.Equal("extra!", text));
        Assert.Equal(3, arrived.Length);
        Assert.Equal(1, serializer.Count("extra!") - before);
    }
}
