using System.Buffers;
using System.Buffers.Binary;
using Ipc.Protocol;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// How frames are built before they are written: in one pooled builder per thread, which every send gives back;
/// size-checked against the maximum; serialisation failures that name what failed.
/// </summary>
public sealed class FrameBuildingTests
{
    [Fact]
    public void TheFramedBytesAreTheLengthPrefixThenTheFrame()
    {
        FrameBuilder builder = FrameBuilder.Rent();
        try
        {
            builder.WriteHeader(MessageKind.Send, 7, "ch");
            byte[] frame = builder.Frame.ToArray();
            byte[] framed = builder.Framed.ToArray();

            Assert.Equal(1 + 8 + 4 + 2, frame.Length);
            Assert.Equal(frame.Length, builder.Length);
            Assert.Equal(frame.Length, BinaryPrimitives.ReadInt32LittleEndian(framed));
            Assert.Equal(frame, framed[Framing.PrefixSize..]);
        }
        finally
        {
            builder.Return();
        }
    }

    [Fact]
    public void ABuilderGivenBackIsRentedAgainOnTheSameThread()
    {
        FrameBuilder first = FrameBuilder.Rent();
        first.Return();

        FrameBuilder second = FrameBuilder.Rent();
        second.Return();

        Assert.Same(first, second);
    }

    [Fact]
    public void ABuilderInUseIsNeverRentedTwice()
    {
        FrameBuilder outer = FrameBuilder.Rent();
        FrameBuilder inner = FrameBuilder.Rent();
        inner.Return();
        outer.Return();

        Assert.NotSame(outer, inner);
    }

    [Fact]
    public void ABuilderGivenBackWithABufferAboveOneMebibyteKeepsASmallOne()
    {
        FrameBuilder builder = FrameBuilder.Rent();
        builder.Advance(builder.GetSpan(2 * 1024 * 1024).Length);
        builder.Return();

        FrameBuilder again = FrameBuilder.Rent();
        int room = again.GetSpan().Length;
        again.Return();

        Assert.Same(builder, again);
        Assert.True(room < 1024 * 1024, $"{room} bytes kept");
    }

    [Fact]
    public void ABuilderGivenBackWithABufferOfOneMebibyteKeepsIt()
    {
        FrameBuilder builder = FrameBuilder.Rent();
        builder.GetSpan(600_000);
        builder.Advance(600_000);
        builder.Return();

        FrameBuilder again = FrameBuilder.Rent();
        int room = again.GetSpan().Length;
        again.Return();

        Assert.True(room > 1000 * 1000, $"{room} bytes kept");
        ShrinkThisThreadsBuilder();
    }

    [Fact]
    public void ABuilderGrowsInProportionToWhatIsWrittenNotToTheLargestArray()
    {
        ShrinkThisThreadsBuilder();
        FrameBuilder builder = FrameBuilder.Rent();
        try
        {
            builder.Advance(builder.GetSpan().Length); // full
            builder.WriteInt32(1);

            Assert.True(builder.GetSpan().Length < 64 * 1024, $"{builder.GetSpan().Length} bytes of room after a small write");
        }
        finally
        {
            builder.Return();
        }
    }

    [Fact]
    public void AFullBuilderStillGivesRoomWhenAskedForAnySize()
    {
        FrameBuilder builder = FrameBuilder.Rent();
        try
        {
            builder.Advance(builder.GetSpan().Length); // full

            Assert.NotEqual(0, builder.GetSpan(0).Length);
            Assert.NotEqual(0, builder.GetMemory(0).Length);
        }
        finally
        {
            builder.Return();
        }
    }

    public static TheoryData<string> Sends => new() { "message", "call", "cancel", "reply value", "reply status" };

    [Theory, MemberData(nameof(Sends))]
    public void EverySendGivesItsBuilderBack(string send)
    {
        var connection = new ScriptedConnection();
        var outbox = new Outbox(new OutgoingQueue(connection, null), JsonIpcSerializer.Default, 1024 * 1024, Ipc.Telemetry.PeerTelemetry.Plain(Ipc.Telemetry.PeerTelemetry.Main, "inproc"));
        FrameBuilder cached = FrameBuilder.Rent();
        cached.Return();

        switch (send)
        {
            case "message": outbox.SendMessage(MessageKind.Send, "ch", ["x"]); break;
            case "call": outbox.SendCall(MessageKind.Invoke, 1, "ch", ["x"], Ipc.Connection.Deadline.Never); break;
            case "cancel": outbox.SendCancel(1, "ch"); break;
            case "reply value": new Ipc.Connection.ReplySlot(outbox, 1, "ch").TrySendValue("x"); break;
            case "reply status": new Ipc.Connection.ReplySlot(outbox, 1, "ch").TrySendStatus(ReplyStatus.NoReply, "none"); break;
        }

        FrameBuilder after = FrameBuilder.Rent();
        after.Return();
        Assert.Single(connection.Written);
        Assert.Same(cached, after);
    }

    [Fact]
    public void AMessageOfExactlyTheMaximumSizeIsSentAndOneByteMoreIsRefused()
    {
        int size = Frames.Message(MessageKind.Send, 0, "ch", "payload").Length;
        var connection = new ScriptedConnection();
        var atLimit = new Outbox(new OutgoingQueue(connection, null), JsonIpcSerializer.Default, size, Ipc.Telemetry.PeerTelemetry.Plain(Ipc.Telemetry.PeerTelemetry.Main, "inproc"));
        var belowLimit = new Outbox(new OutgoingQueue(connection, null), JsonIpcSerializer.Default, size - 1, Ipc.Telemetry.PeerTelemetry.Plain(Ipc.Telemetry.PeerTelemetry.Main, "inproc"));

        atLimit.SendMessage(MessageKind.Send, "ch", ["payload"]);
        var error = Assert.Throws<IpcMessageTooLargeException>(() => belowLimit.SendMessage(MessageKind.Send, "ch", ["payload"]));

        Assert.Single(connection.Written);
        Assert.Equal(size - 1, error.Maximum);
    }

    [Fact]
    public void AnUnserializableReturnValueIsNamedAsTheReturnValueWithItsRuntimeType()
    {
        FrameBuilder builder = FrameBuilder.Rent();
        try
        {
            var error = Assert.Throws<IpcSerializationException>(
                () => ArgumentSection.WriteSingle<object?>(builder, JsonIpcSerializer.Default, "ch", new ConnectionRulesTests.WithCallback { Callback = () => { } }));

            Assert.StartsWith("The return value of 'ch' (" + typeof(ConnectionRulesTests.WithCallback).FullName + ")", error.Message);
            Assert.Equal("ch", error.Channel);
        }
        finally
        {
            builder.Return();
        }
    }

    [Fact]
    public void AnUnserializableFirstArgumentIsNamedArgumentZero()
    {
        FrameBuilder builder = FrameBuilder.Rent();
        try
        {
            var error = Assert.Throws<IpcSerializationException>(
                () => ArgumentSection.Write(builder, JsonIpcSerializer.Default, "ch", [new ConnectionRulesTests.WithCallback { Callback = () => { } }]));

            Assert.StartsWith("Argument 0 of 'ch'", error.Message);
        }
        finally
        {
            builder.Return();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnIpcExceptionFromTheSerializerReachesTheSenderUnwrapped(bool single)
    {
        var thrown = new IpcSerializationException("the serializer's own words", null);
        var serializer = new ThrowingSerializer(thrown);
        FrameBuilder builder = FrameBuilder.Rent();
        try
        {
            Exception error = single
                ? Assert.ThrowsAny<Exception>(() => ArgumentSection.WriteSingle(builder, serializer, "ch", 1))
                : Assert.ThrowsAny<Exception>(() => ArgumentSection.Write(builder, serializer, "ch", [1]));

            Assert.Same(thrown, error);
        }
        finally
        {
            builder.Return();
        }
    }

    /// <summary>Gives this thread's cached builder back its small buffer, so a test's growth starts from there.</summary>
    private static void ShrinkThisThreadsBuilder()
    {
        FrameBuilder builder = FrameBuilder.Rent();
        builder.Advance(builder.GetSpan(2 * 1024 * 1024).Length);
        builder.Return();
    }

    private sealed class ThrowingSerializer(Exception error) : IIpcSerializer
    {
        public void Serialize(IBufferWriter<byte> destination, object? value) => throw error;

        public void Serialize<T>(IBufferWriter<byte> destination, T value) => throw error;

        public T? Deserialize<T>(ReadOnlySpan<byte> data) => throw error;
    }

    [Fact]
    public void ABufferAboveOneMebibyteIsNotKeptAfterUse()
    {
        FrameBuilder builder = FrameBuilder.Rent();
        builder.GetSpan(2 * FrameBuilder.MaxCachedSize);
        builder.Advance(2 * FrameBuilder.MaxCachedSize);
        builder.Return();

        FrameBuilder again = FrameBuilder.Rent();
        try
        {
            Assert.Same(builder, again); // the thread's cached builder, now with a small buffer
            Assert.True(again.GetSpan().Length <= FrameBuilder.MaxCachedSize, "the huge buffer was kept");
        }
        finally
        {
            again.Return();
        }
    }

    [Fact]
    public void ALargeFramesBufferGoesBackToThePoolForTheNextLargeFrame()
    {
        const int Large = (FrameBuilder.MaxCachedSize + FrameBuilder.MaxPooledSize) / 2; // above what a thread keeps, within what the pool takes
        FrameBuilder builder = FrameBuilder.Rent();
        Span<byte> span = builder.GetSpan(Large);
        int bufferSize = Framing.PrefixSize + span.Length; // the span starts after the length prefix
        ref byte first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(span);
        builder.Advance(Large);
        builder.Return();

        byte[] next = System.Buffers.ArrayPool<byte>.Shared.Rent(bufferSize); // the pool hands this thread back what it returned last
        try
        {
            Assert.True(System.Runtime.CompilerServices.Unsafe.AreSame(ref first, ref next[Framing.PrefixSize]), "the large buffer was not given back to the pool");
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(next);
        }
    }
}
