using Ipc.CompilerServices;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests.CompilerServices;

/// <summary>
/// The typed seam generated senders write through: each argument as its declared type, in order, with the untyped
/// calls' checks and errors, on every transport.
/// </summary>
public sealed class IpcMessageWriterTests
{
    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ArgumentsArriveInOrderAsTheirDeclaredTypes(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new TaskCompletionSource<(int Count, int Number, string? Text, Point? Point, int? Missing)>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("ch", (_, args) => received.TrySetResult((args.Count, args.Get<int>(0), args.Get<string>(1), args.Get<Point>(2), args.Get<int?>(3))));

        SendFour(rig.Renderer);

        var (count, number, text, point, missing) = await received.Task.Bounded();
        Assert.Equal(4, count);
        Assert.Equal(42, number);
        Assert.Equal("text", text);
        Assert.Equal(new Point(1, 2), point);
        Assert.Null(missing);

        // Writers are ref structs: they live in ordinary methods, never in async ones (as in generated code).
        static void SendFour(IpcRenderer renderer)
        {
            IpcMessageWriter message = IpcMessageWriter.Send(renderer, "ch");
            message.Write(42);
            message.Write("text");
            message.Write(new Point(1, 2));
            message.Write<int?>(null);
            message.Send();
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AMessageWithoutArgumentsHasNone(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("ch", (_, args) => received.TrySetResult(args.Count));

        IpcMessageWriter.Send(rig.Renderer, "ch").Send();

        Assert.Equal(0, await received.Task.Bounded());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task SendSyncAndInvokeReturnTheTypedAnswer(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.On("sync", (e, args) => e.ReturnValue = args.Get<int>(0) * 10 + args.Get<int>(1));
        rig.Main.Handle("add", (_, args) => Task.FromResult<object?>(args.Get<long>(0) + args.Get<long>(1)));

        int fromSync = await Task.Run(() => SendSync(rig.Renderer)).Bounded();

        long sum = await Add(rig.Renderer).Bounded();

        Assert.Equal(42, fromSync);
        Assert.Equal(42L, sum);

        static int SendSync(IpcRenderer renderer)
        {
            IpcMessageWriter sync = IpcMessageWriter.SendSync(renderer, "sync");
            sync.Write(4);
            sync.Write(2);
            return sync.SendSync<int>();
        }

        static Task<long> Add(IpcRenderer renderer)
        {
            IpcMessageWriter invoke = IpcMessageWriter.Invoke(renderer, "add");
            invoke.Write(40L);
            invoke.Write(2L);
            return invoke.InvokeAsync<long>(CancellationToken.None);
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MainSendsAndInvokesOneRendererTyped(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new TaskCompletionSource<(string?, double)>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Renderer.On("note", (_, args) => received.TrySetResult((args.Get<string>(0), args.Get<double>(1))));
        rig.Renderer.Handle("twice", (_, args) => Task.FromResult<object?>(args.Get<int>(0) * 2));
        IpcSender sender = rig.SenderOf(rig.Renderer);

        Note(sender);
        int doubled = await Twice(sender).Bounded();

        Assert.Equal(("hello", 2.5), await received.Task.Bounded());
        Assert.Equal(42, doubled);

        static void Note(IpcSender sender)
        {
            IpcMessageWriter note = IpcMessageWriter.Send(sender, "note");
            note.Write("hello");
            note.Write(2.5);
            note.Send();
        }

        static Task<int> Twice(IpcSender sender)
        {
            IpcMessageWriter twice = IpcMessageWriter.Invoke(sender, "twice");
            twice.Write(21);
            return twice.InvokeAsync<int>(CancellationToken.None);
        }
    }

    [Theory]
    [InlineData(TransportKind.InProcess)]
    [InlineData(TransportKind.Socket)]
    public async Task BinaryArgumentsTravelRawWhereTheConnectionAgreed(TransportKind transport)
    {
        using var rig = new Rig(transport);
        byte[] payload = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var received = new TaskCompletionSource<(byte[]?, byte[], Exception?, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("bytes", (_, args) => received.TrySetResult(
            (args.Get<byte[]>(0), args.Get<ReadOnlyMemory<byte>>(1).ToArray(), Record.Exception(() => args.Get<string>(0)), args.Get<string>(2))));

        SendBytes(rig.Renderer, payload);

        var (array, memory, readAsText, after) = await received.Task.Bounded();
        Assert.Equal(payload, array);
        Assert.Equal(payload.AsSpan(10, 5).ToArray(), memory);
        Assert.Contains("raw bytes", Assert.IsType<IpcSerializationException>(readAsText).Message); // not base64 JSON
        Assert.Equal("after", after);

        static void SendBytes(IpcRenderer renderer, byte[] payload)
        {
            IpcMessageWriter message = IpcMessageWriter.Send(renderer, "bytes");
            message.Write(payload);
            message.Write(new ReadOnlyMemory<byte>(payload, 10, 5));
            message.Write("after");
            message.Send();
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnUnserializableArgumentNamesItsIndexAndChannelAndNothingIsSent(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int received = 0;
        rig.Main.On("ch", (_, _) => received++);
        rig.Main.Handle("call", (_, _) => Task.FromResult<object?>(1));

        var sendError = Assert.Throws<IpcSerializationException>(() =>
        {
            IpcMessageWriter message = IpcMessageWriter.Send(rig.Renderer, "ch");
            message.Write(1);
            message.Write(new Holder { Callback = () => { } });
            message.Send();
        });
        Task<int> invoke = InvokeWithUnserializable(rig.Renderer);
        var invokeError = await Assert.ThrowsAsync<IpcSerializationException>(() => invoke);
        rig.Renderer.Send("ch");
        await rig.FlushAsync();

        Assert.Contains("Argument 1 of 'ch'", sendError.Message);
        Assert.Equal("ch", sendError.Channel);
        Assert.Contains("Argument 0 of 'call'", invokeError.Message);
        Assert.Equal(1, received); // only the untyped message after, on a connection that still works

        static Task<int> InvokeWithUnserializable(IpcRenderer renderer)
        {
            IpcMessageWriter message = IpcMessageWriter.Invoke(renderer, "call");
            message.Write(new Holder { Callback = () => { } }); // an invocation's failure goes into its task
            message.Write(2);
            return message.InvokeAsync<int>(CancellationToken.None)!;
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ATooLargeMessageFailsBeforeAnythingIsSent(TransportKind transport)
    {
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { MaxMessageSize = 64 * 1024 });
        int received = 0;
        rig.Main.On("ch", (_, _) => received++);

        Assert.Throws<IpcMessageTooLargeException>(() =>
        {
            IpcMessageWriter message = IpcMessageWriter.Send(rig.Renderer, "ch");
            message.Write(new string('x', 100_000));
            message.Send();
        });
        Assert.Throws<IpcMessageTooLargeException>(() =>
        {
            IpcMessageWriter message = IpcMessageWriter.SendSync(rig.Renderer, "ch");
            message.Write(new string('x', 100_000));
            message.SendSync<int>();
        });
        await rig.FlushAsync();

        Assert.Equal(0, received);
    }

    [Fact]
    public async Task ACancellationTokenAmongTheArgumentsIsRefused()
    {
        using var rig = new Rig(TransportKind.InProcess);

        var error = Assert.Throws<ArgumentException>(() =>
        {
            IpcMessageWriter message = IpcMessageWriter.Send(rig.Renderer, "ch");
            message.Write("first");
            message.Write(CancellationToken.None);
            message.Send();
        });
        Task<int> invoke = InvokeWithToken(rig.Renderer);
        var invokeError = await Assert.ThrowsAsync<ArgumentException>(() => invoke);

        Assert.Contains("Argument 1 of the message on 'ch' is a CancellationToken", error.Message);
        Assert.Contains("Argument 0", invokeError.Message);

        static Task<int> InvokeWithToken(IpcRenderer renderer)
        {
            IpcMessageWriter invoke = IpcMessageWriter.Invoke(renderer, "ch");
            invoke.Write<object>(CancellationToken.None);
            return invoke.InvokeAsync<int>(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ADisposedEndpointRefusesTypedMessages()
    {
        var rig = new Rig(TransportKind.InProcess);
        IpcSender sender = rig.SenderOf(rig.Renderer);
        rig.Renderer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => IpcMessageWriter.Send(rig.Renderer, "ch"));
        Assert.Throws<ObjectDisposedException>(() => IpcMessageWriter.SendSync(rig.Renderer, "ch"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => IpcMessageWriter.Invoke(rig.Renderer, "ch").InvokeAsync<int>(CancellationToken.None));

        rig.Dispose();
        Assert.Throws<ObjectDisposedException>(() => IpcMessageWriter.Send(sender, "ch"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => IpcMessageWriter.Invoke(sender, "ch").InvokeAsync<int>(CancellationToken.None));
        Assert.Throws<ObjectDisposedException>(() => IpcBroadcastWriter.Send(IpcRendererTarget.All(rig.Main), "ch"));
    }

    [Fact]
    public void AFinisherOfAnotherKindIsRefused()
    {
        using var rig = new Rig(TransportKind.InProcess);

        Assert.Throws<InvalidOperationException>(() => IpcMessageWriter.Send(rig.Renderer, "ch").SendSync<int>());
    }

    [Fact]
    public void ATypedSendAllocatesNothingOnTheSenderOnceWarm()
    {
        using var rig = new Rig(TransportKind.Socket);
        rig.Main.On("ch", (_, _) => { });

        for (int i = 0; i < 200; i++)
        {
            SendOne(rig.Renderer, i);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            SendOne(rig.Renderer, i);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);

        static void SendOne(IpcRenderer renderer, int value)
        {
            IpcMessageWriter message = IpcMessageWriter.Send(renderer, "ch");
            message.Write(value);
            message.Write(value * 2L);
            message.Write("a string argument");
            message.Send();
        }
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ATypedBroadcastReachesEveryRendererSerialisedOnce(TransportKind transport)
    {
        var serializer = new CountingSerializer();
        using var rig = new Rig(transport, new IpcMainOptions { Serializer = serializer }, new IpcRendererOptions { Serializer = serializer });
        byte[] payload = [1, 2, 3];
        var received = new List<Task<(string?, int, byte[]?)>>();
        foreach (IpcRenderer renderer in new[] { rig.Renderer, rig.Connect(), rig.Connect() })
        {
            var delivered = new TaskCompletionSource<(string?, int, byte[]?)>(TaskCreationOptions.RunContinuationsAsynchronously);
            renderer.On("news", (_, args) => delivered.TrySetResult((args.Get<string>(0), args.Get<int>(1), args.Get<byte[]>(2))));
            renderer.Handle("count", (_, args) => Task.FromResult<object?>(args.Get<int>(0) + 1));
            received.Add(delivered.Task);
        }

        Broadcast(rig.Main, payload);
        IReadOnlyList<IpcRendererResult<int>> results = await CountAll(rig.Main).Bounded();

        (string?, int, byte[]?)[] arrived = await Task.WhenAll(received).Bounded();
        Assert.All(arrived, each =>
        {
            Assert.Equal(("extra!", 7), (each.Item1, each.Item2));
            Assert.Equal(payload, each.Item3);
        });
        Assert.Equal(1, serializer.Count("extra!"));
        Assert.Equal([42, 42, 42], results.Select(r => r.Value));

        static void Broadcast(IpcMain main, byte[] payload)
        {
            IpcBroadcastWriter news = IpcBroadcastWriter.Send(IpcRendererTarget.All(main), "news");
            news.Write("extra!");
            news.Write(7);
            news.Write(payload);
            news.Send();
        }

        static Task<IReadOnlyList<IpcRendererResult<int>>> CountAll(IpcMain main)
        {
            IpcBroadcastWriter count = IpcBroadcastWriter.InvokeAll(IpcRendererTarget.All(main), "count");
            count.Write(41);
            return count.InvokeAllAsync<int>(CancellationToken.None);
        }
    }

    public sealed record Point(int X, int Y);

    private sealed class Holder
    {
        public Action? Callback { get; set; }
    }
}
