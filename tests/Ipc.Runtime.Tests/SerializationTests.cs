using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>Arguments travel as serialised copies on every transport; bad values fail at the sender.</summary>
public sealed class SerializationTests
{
    public static TheoryData<TransportKind, int> PayloadSizes()
    {
        var data = new TheoryData<TransportKind, int>();
        foreach (TransportKind transport in Enum.GetValues<TransportKind>())
        {
            foreach (int size in new[] { 0, 1, 65_535, 65_536, 65_537, 262_147, 3_145_729 })
            {
                data.Add(transport, size);
            }
        }

        return data;
    }

    [Theory, MemberData(nameof(PayloadSizes))]
    public async Task PayloadsRoundTripIntactThroughSendSendSyncAndInvoke(TransportKind transport, int size)
    {
        using var rig = new Rig(transport);
        string text = MakeText(size);
        byte[] bytes = MakeBytes(size);
        var received = new List<(string? Text, byte[]? Bytes)>();
        rig.Main.On("send", (_, args) => received.Add((args.Get<string>(0), args.Get<byte[]>(1))));
        rig.Main.On("sync", (e, args) => e.ReturnValue = new Payload(args.Get<string>(0), args.Get<byte[]>(1)));
        rig.Main.Handle("invoke", (_, args) => Task.FromResult<object?>(new Payload(args.Get<string>(0), args.Get<byte[]>(1))));

        rig.Renderer.Send("send", text, bytes);
        Payload? sync = rig.Renderer.SendSync<Payload>("sync", text, bytes);
        Payload? invoked = await rig.Renderer.InvokeAsync<Payload>("invoke", text, bytes).Bounded();
        await rig.FlushAsync();

        (string? sentText, byte[]? sentBytes) = Assert.Single(received);
        Assert.Equal(text, sentText);
        Assert.Equal(bytes, sentBytes);
        Assert.Equal(text, sync?.Text);
        Assert.Equal(bytes, sync?.Bytes);
        Assert.Equal(text, invoked?.Text);
        Assert.Equal(bytes, invoked?.Bytes);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ArgumentsAreCopiesNotReferences(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var sent = new List<int> { 1, 2, 3 };
        List<int>? first = null;
        List<int>? second = null;
        rig.Main.On("ch", (_, args) =>
        {
            first = args.Get<List<int>>(0);
            first!.Add(99);
            second = args.Get<List<int>>(0);
        });

        rig.Renderer.Send("ch", sent);
        sent.Add(4); // after sending: must not reach main
        await rig.FlushAsync();

        Assert.Equal([1, 2, 3, 99], first);
        Assert.Equal([1, 2, 3], second);
        Assert.NotSame(sent, first);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AnUnserializableArgumentFailsAtTheSenderWithTheMemberPathAndSendsNothing(TransportKind transport)
    {
        using var rig = new Rig(transport);
        int received = 0;
        rig.Main.On("ch", (_, _) => received++);

        var error = Assert.Throws<IpcSerializationException>(() => rig.Renderer.Send("ch", "fine", new Holder { Inner = new Inner { Callback = () => { } } }));
        await rig.FlushAsync();

        Assert.Contains("Argument 1 of 'ch'", error.Message);
        Assert.Contains("$.Inner.Callback", error.Message);
        Assert.Equal(0, received);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ACyclicArgumentFailsAtTheSender(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var node = new Node();
        node.Next = node;

        Assert.Throws<IpcSerializationException>(() => rig.Renderer.Send("ch", node));
        await Assert.ThrowsAsync<IpcSerializationException>(() => rig.Renderer.InvokeAsync<int>("ch", node));
        Assert.Throws<IpcSerializationException>(() => rig.Renderer.SendSync<int>("ch", node));
        await rig.FlushAsync(); // the connection still works
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ReadingAnArgumentAsTheWrongTypeGivesAClearError(TransportKind transport)
    {
        using var rig = new Rig(transport);
        Exception? error = null;
        rig.Main.On("ch", (_, args) => error = Record.Exception(() => args.Get<int>(0)));

        rig.Renderer.Send("ch", "not a number");
        await rig.FlushAsync();

        var serialization = Assert.IsType<IpcSerializationException>(error);
        Assert.Contains("Argument 0 of 'ch'", serialization.Message);
        Assert.Contains("System.Int32", serialization.Message);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ReadingAMissingArgumentThrowsArgumentOutOfRange(TransportKind transport)
    {
        using var rig = new Rig(transport);
        Exception? error = null;
        int count = -1;
        rig.Main.On("ch", (_, args) => { count = args.Count; error = Record.Exception(() => args.Get<string>(2)); });

        rig.Renderer.Send("ch", "a", "b");
        await rig.FlushAsync();

        Assert.Equal(2, count);
        Assert.IsType<ArgumentOutOfRangeException>(error);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task NullArgumentsArriveAsNull(TransportKind transport)
    {
        using var rig = new Rig(transport);
        (int Count, string? First, string? Second) seen = default;
        rig.Main.On("ch", (_, args) => seen = (args.Count, args.Get<string>(0), args.Get<string>(1)));

        rig.Renderer.Send("ch", null, "b");
        await rig.FlushAsync();

        Assert.Equal((2, null, "b"), seen);
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task TheSerializerIsPluggable(TransportKind transport)
    {
        var serializer = new CountingSerializer();
        using var rig = new Rig(transport, new IpcMainOptions { Serializer = serializer }, new IpcRendererOptions { Serializer = serializer });
        rig.Main.On("ch", (e, args) => e.ReturnValue = args.Get<string>(0));

        Assert.Equal("x", rig.Renderer.SendSync<string>("ch", "x"));
        await rig.FlushAsync();

        Assert.True(serializer.Writes >= 2, $"{serializer.Writes} writes");
        Assert.True(serializer.Reads >= 2, $"{serializer.Reads} reads");
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public void JsonOptionsAreConfigurable(TransportKind transport)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var serializer = new JsonIpcSerializer(options);
        using var rig = new Rig(transport, new IpcMainOptions { Serializer = serializer }, new IpcRendererOptions { Serializer = serializer });
        rig.Main.On("ch", (e, args) => e.ReturnValue = args.Get<JsonElement>(0).GetRawText());

        Assert.Equal("""{"text":"t","bytes":null}""", rig.Renderer.SendSync<string>("ch", new Payload("t", null)));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AMessageAboveTheMaximumSizeFailsAtTheSenderAndTheConnectionKeepsWorking(TransportKind transport)
    {
        using var rig = new Rig(transport, rendererOptions: new IpcRendererOptions { MaxMessageSize = 64 * 1024 });
        int received = 0;
        rig.Main.On("ch", (_, _) => received++);

        var error = Assert.Throws<IpcMessageTooLargeException>(() => rig.Renderer.Send("ch", MakeText(100_000)));
        rig.Renderer.Send("ch", "small");
        await rig.FlushAsync();

        Assert.Equal(64 * 1024, error.Maximum);
        Assert.Equal(1, received);
    }

    private static string MakeText(int size)
    {
        // Multi-byte characters and characters JSON must escape, so the encoding is exercised too.
        const string alphabet = "abcxyz0123456789 é€\"\\\n😀";
        var chars = new char[size];
        for (int i = 0; i < size; i++)
        {
            chars[i] = alphabet[i % alphabet.Length];
        }

        if (size > 0 && char.IsHighSurrogate(chars[size - 1]))
        {
            chars[size - 1] = 'z';
        }

        for (int i = 1; i < size; i++)
        {
            if (char.IsLowSurrogate(chars[i]) && !char.IsHighSurrogate(chars[i - 1]))
            {
                chars[i] = 'z';
            }
        }

        return new string(chars);
    }

    private static byte[] MakeBytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    public sealed record Payload(string? Text, byte[]? Bytes);

    public sealed class Holder
    {
        public Inner? Inner { get; set; }
    }

    public sealed class Inner
    {
        public Action? Callback { get; set; }
    }

    public sealed class Node
    {
        public Node? Next { get; set; }
    }
}
