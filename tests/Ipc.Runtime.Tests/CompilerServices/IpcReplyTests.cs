using System.Buffers;
using Ipc.CompilerServices;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.CompilerServices;

/// <summary>A generated handler adapter's result travels as its declared type: the serializer is asked for <c>T</c>, not <c>object</c>.</summary>
public sealed class IpcReplyTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AHandlersResultIsSerialisedAsItsDeclaredTypeInEveryAwaitableShape(TransportKind transport)
    {
        var serializer = new TypeRecordingSerializer();
        using var rig = new Rig(transport, new IpcMainOptions { Serializer = serializer }, new IpcRendererOptions { Serializer = serializer });
        var pending = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.Handle("task", (_, _) => IpcReply.Of(Task.FromResult(42)));
        rig.Main.Handle("value-task", (_, _) => IpcReply.Of(new ValueTask<long>(43L)));
        rig.Main.Handle("later", (_, _) => IpcReply.Of(pending.Task));
        rig.Main.Handle("none", (_, _) => IpcReply.Of(Task.CompletedTask));

        int fromTask = await rig.Renderer.InvokeAsync<int>("task").Bounded();
        long fromValueTask = await rig.Renderer.InvokeAsync<long>("value-task").Bounded();
        Task<int> later = rig.Renderer.InvokeAsync<int>("later");
        pending.SetResult(44);
        int fromLater = await later.Bounded();
        object? none = await rig.Renderer.InvokeAsync<object>("none").Bounded();

        Assert.Equal((42, 43L, 44), (fromTask, fromValueTask, fromLater));
        Assert.Null(none);
        Assert.Contains(typeof(int), serializer.Types);
        Assert.Contains(typeof(long), serializer.Types);
        Assert.Equal(0, serializer.NonNullObjects); // only the valueless reply goes as object (a null)
    }

    /// <summary>System.Text.Json, recording the declared type of every value written through <see cref="Serialize{T}"/>.</summary>
    private sealed class TypeRecordingSerializer : IIpcSerializer
    {
        private readonly List<Type> _types = [];

        public int NonNullObjects { get; private set; }

        public IReadOnlyList<Type> Types
        {
            get
            {
                lock (_types)
                {
                    return [.. _types];
                }
            }
        }

        public void Serialize(IBufferWriter<byte> destination, object? value) => JsonIpcSerializer.Default.Serialize(destination, value);

        public void Serialize<T>(IBufferWriter<byte> destination, T value)
        {
            lock (_types)
            {
                _types.Add(typeof(T));
                NonNullObjects += typeof(T) == typeof(object) && value is not null ? 1 : 0;
            }

            JsonIpcSerializer.Default.Serialize(destination, value);
        }

        public T? Deserialize<T>(ReadOnlySpan<byte> data) => JsonIpcSerializer.Default.Deserialize<T>(data);
    }
}
