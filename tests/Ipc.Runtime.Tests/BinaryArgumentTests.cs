using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Ipc.Protocol;
using Ipc.Runtime.Tests.Infrastructure;

namespace Ipc.Runtime.Tests;

/// <summary>
/// byte[], ReadOnlyMemory&lt;byte&gt; and Memory&lt;byte&gt; arguments and results travel as raw bytes between two .NET
/// ends, in both directions, on every transport: as Electron carries a Buffer, without base64 inside JSON.
/// </summary>
public sealed class BinaryArgumentTests
{
    private static readonly byte[] Payload = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task AByteArrayArgumentArrivesByteForByteAndReadsAsEveryBinaryType(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new TaskCompletionSource<(byte[] Array, byte[] FromMemory, byte[] FromWritable, object? AsObject)>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("bytes", (_, args) => received.TrySetResult(
            (args.Get<byte[]>(0)!, args.Get<ReadOnlyMemory<byte>>(0).ToArray(), args.Get<Memory<byte>>(0).ToArray(), args.Get<object>(0))));

        rig.Renderer.Send("bytes", Payload);

        var (array, fromMemory, fromWritable, asObject) = await received.Task.Bounded();
        Assert.Equal(Payload, array);
        Assert.Equal(Payload, fromMemory);
        Assert.Equal(Payload, fromWritable);
        Assert.Equal(Payload, Assert.IsType<byte[]>(asObject));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task MemoryArgumentsTravelAsBytesAndEmptyAndNullStayWhatTheyWere(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new TaskCompletionSource<IpcArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("bytes", (_, args) => received.TrySetResult(args));

        rig.Renderer.Send("bytes", new ReadOnlyMemory<byte>(Payload, 10, 100), new Memory<byte>(Payload, 5, 3), Array.Empty<byte>(), null, "text");

        IpcArgs args = await received.Task.Bounded();
        Assert.Equal(Payload.AsSpan(10, 100).ToArray(), args.Get<byte[]>(0));
        Assert.Equal(Payload.AsSpan(5, 3).ToArray(), args.Get<byte[]>(1));
        Assert.Empty(args.Get<byte[]>(2)!);
        Assert.Null(args.Get<byte[]>(3));
        Assert.Equal("text", args.Get<string>(4));
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ReadingAsReadOnlyMemoryViewsTheReceivedBytesWithoutACopy(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var views = new TaskCompletionSource<(ReadOnlyMemory<byte> First, ReadOnlyMemory<byte> Second)>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("bytes", (_, args) => views.TrySetResult((args.Get<ReadOnlyMemory<byte>>(0), args.Get<ReadOnlyMemory<byte>>(0))));

        rig.Renderer.Send("bytes", Payload);

        var (first, second) = await views.Task.Bounded();
        Assert.True(MemoryMarshal.TryGetArray(first, out ArraySegment<byte> a));
        Assert.True(MemoryMarshal.TryGetArray(second, out ArraySegment<byte> b));
        Assert.Same(a.Array, b.Array); // both views of the one received frame
        Assert.Equal(a.Offset, b.Offset);
        Assert.True(a.Array!.Length > Payload.Length); // the frame, header and all: not a copy of the argument
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task BinaryResultsTravelAsBytesBothWays(TransportKind transport)
    {
        using var rig = new Rig(transport);
        rig.Main.Handle("reverse", (_, args) => Task.FromResult<object?>(args.Get<byte[]>(0)!.Reverse().ToArray()));
        rig.Renderer.Handle("echo", (_, args) => Task.FromResult<object?>(args.Get<ReadOnlyMemory<byte>>(0)));

        byte[]? reversed = await rig.Renderer.InvokeAsync<byte[]>("reverse", Payload).Bounded();
        ReadOnlyMemory<byte> echoed = await Assert.Single(rig.Main.Renderers).InvokeAsync<ReadOnlyMemory<byte>>("echo", [Payload], CancellationToken.None).Bounded();

        Assert.Equal(Payload.Reverse().ToArray(), reversed);
        Assert.Equal(Payload, echoed.ToArray());
    }

    [Theory, MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task ReadingRawBytesAsAnotherTypeFailsByNameAndTheNextReadStillWorks(TransportKind transport)
    {
        using var rig = new Rig(transport);
        var received = new TaskCompletionSource<IpcArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Main.On("bytes", (_, args) => received.TrySetResult(args));

        rig.Renderer.Send("bytes", new byte[] { 1, 2, 3 });

        IpcArgs args = await received.Task.Bounded();
        var error = Assert.Throws<IpcSerializationException>(() => args.Get<string>(0));
        Assert.Contains("Argument 0 of 'bytes' is 3 raw bytes; read it as byte[], ReadOnlyMemory<byte> or Memory<byte>, not System.String", error.Message);
        Assert.Equal("bytes", error.Channel);
        Assert.Equal(new byte[] { 1, 2, 3 }, args.Get<byte[]>(0));
    }

    [Fact]
    public void OnTheWireABinaryArgumentIsItsBytesBehindTheComplementOfItsLength()
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            ArgumentSection.Write(frame, JsonIpcSerializer.Default, "ch", [new byte[] { 9, 8, 7 }, 5], binary: true);
            ReadOnlySpan<byte> section = frame.Frame;

            Assert.Equal(2, BinaryPrimitives.ReadInt32LittleEndian(section));
            Assert.Equal(~3, BinaryPrimitives.ReadInt32LittleEndian(section[4..]));
            Assert.Equal(new byte[] { 9, 8, 7 }, section.Slice(8, 3).ToArray());
            Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(section[11..]));
            Assert.Equal((byte)'5', section[15]);
            Assert.Equal(2, ArgumentSection.Validate(section));
            Assert.Equal((8, 3, true), ArgumentSection.Locate(section, 0));
            Assert.Equal((15, 1, false), ArgumentSection.Locate(section, 1));
        }
        finally
        {
            frame.Return();
        }
    }

    [Fact]
    public void WithoutTheAgreementABinaryArgumentIsBase64InsideJson()
    {
        FrameBuilder frame = FrameBuilder.Rent();
        try
        {
            ArgumentSection.Write(frame, JsonIpcSerializer.Default, "ch", [new byte[] { 9, 8, 7 }], binary: false);

            Assert.Equal("\"CQgH\"", System.Text.Encoding.UTF8.GetString(frame.Frame[8..]));
        }
        finally
        {
            frame.Return();
        }
    }

    [Fact]
    public void ALengthFieldOfIntMinValueIsMalformedNotAHugeBinaryArgument()
    {
        byte[] section = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(section, 1);
        BinaryPrimitives.WriteInt32LittleEndian(section.AsSpan(4), int.MinValue);

        Assert.Throws<InvalidDataException>(() => ArgumentSection.Validate(section));
    }
}
