using System.Buffers;
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

    /// <summary>System.Text.Json, counting how often each string value is serialised.</summary>
    private sealed class CountingSerializer : IIpcSerializer
    {
        private readonly Dictionary<string, int> _counts = [];

        public int Count(string value)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(value);
            }
        }

        public void Serialize(IBufferWriter<byte> destination, object? value)
        {
            Note(value);
            JsonIpcSerializer.Default.Serialize(destination, value);
        }

        public void Serialize<T>(IBufferWriter<byte> destination, T value)
        {
            Note(value);
            JsonIpcSerializer.Default.Serialize(destination, value);
        }

        public T? Deserialize<T>(ReadOnlySpan<byte> data) => JsonIpcSerializer.Default.Deserialize<T>(data);

        private void Note(object? value)
        {
            if (value is string text)
            {
                lock (_counts)
                {
                    _counts[text] = _counts.GetValueOrDefault(text) + 1;
                }
            }
        }
    }
}
