using System.Buffers;
using System.Text;
using Ipc.Connection;
using Ipc.Protocol;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Core;

/// <summary>
/// Answers to calls: a <see cref="ReplySlot"/> answers once, with what can travel, and a caller reads every reply
/// it can get, well-formed or not, as a value or an <see cref="IpcException"/> that names the channel.
/// </summary>
public sealed class ReplyTests
{
    private readonly ScriptedConnection _connection = new();

    [Fact]
    public void ASlotAnswersOnlyOnce()
    {
        ReplySlot slot = NewSlot();

        Assert.True(slot.TrySendStatus(ReplyStatus.NoReply, "nobody"));
        Assert.False(slot.TrySendError(new InvalidOperationException("late")));
        Assert.False(slot.TrySendValue("late"));
        Assert.False(slot.TryClose());

        Frame reply = Assert.Single(_connection.Written);
        Assert.Equal(ReplyStatus.NoReply, Frames.StatusOf(reply));
    }

    [Fact]
    public void AClosedSlotSendsNothing()
    {
        ReplySlot slot = NewSlot();

        Assert.True(slot.TryClose());
        Assert.False(slot.TrySendError(new InvalidOperationException("late")));
        Assert.False(slot.TrySendValue("late"));

        Assert.Empty(_connection.Written);
    }

    [Fact]
    public void AValueAboveTheMaximumSizeThrowsAndLeavesTheSlotOpen()
    {
        ReplySlot slot = NewSlot(maxMessageSize: 1024);

        Assert.Throws<IpcMessageTooLargeException>(() => slot.TrySendValue(new string('x', 2000)));

        Assert.True(slot.IsOpen);
        Assert.Empty(_connection.Written);
        Assert.True(slot.TrySendValue("small"));
    }

    [Fact]
    public void AValueWhoseSlotClosedWhileItWasSerialisedIsNotSent()
    {
        ReplySlot? slot = null;
        var serializer = new CallbackSerializer(() => slot!.TryClose());
        slot = NewSlot(serializer: serializer);

        Assert.False(slot.TrySendValue("value"));

        Assert.Empty(_connection.Written);
    }

    [Fact]
    public void AnErrorMessageOfUpTo64KiCharactersTravelsWhole()
    {
        string message = new('x', 64 * 1024);

        NewSlot().TrySendError(new InvalidOperationException(message));

        var error = Assert.Throws<IpcRemoteException>(() => Frames.Read<object>(Assert.Single(_connection.Written)));
        Assert.Equal(message, error.RemoteMessage);
    }

    [Fact]
    public void ALongerErrorMessageIsCutTo64KiCharactersAndMarked()
    {
        string message = new string('x', 64 * 1024) + "tail";

        NewSlot().TrySendError(new InvalidOperationException(message));

        var error = Assert.Throws<IpcRemoteException>(() => Frames.Read<object>(Assert.Single(_connection.Written)));
        Assert.Equal(new string('x', 64 * 1024) + "…", error.RemoteMessage);
    }

    [Fact]
    public void AReplyWithoutAStatusIsMalformedAndNamesTheChannel()
    {
        var reply = new Frame(MessageKind.Reply, 1, "ch", ReadOnlyMemory<byte>.Empty);

        var error = Assert.Throws<IpcException>(() => Frames.Read<int>(reply));

        Assert.Equal("ch", error.Channel);
        Assert.IsType<InvalidDataException>(error.InnerException);
    }

    [Fact]
    public void AValueReplyWithoutAValueReadsAsNoValue()
    {
        byte[] body = [(byte)ReplyStatus.Value, 0, 0, 0, 0]; // an argument section of no arguments
        var reply = new Frame(MessageKind.Reply, 1, "ch", body);

        Assert.Null(Frames.Read<string>(reply));
        Assert.Equal(0, Frames.Read<int>(reply));
    }

    [Fact]
    public void ARefusedReplyIsAnIpcExceptionNamingTheChannel()
    {
        NewSlot().TrySendStatus(ReplyStatus.Refused, "would deadlock");

        var error = Assert.Throws<IpcException>(() => Frames.Read<int>(Assert.Single(_connection.Written)));

        Assert.Equal("would deadlock", error.Message);
        Assert.Equal("ch", error.Channel);
    }

    private ReplySlot NewSlot(int maxMessageSize = 1024 * 1024, IIpcSerializer? serializer = null) =>
        new(new Outbox(new OutgoingQueue(_connection, null), serializer ?? JsonIpcSerializer.Default, maxMessageSize, Ipc.Telemetry.PeerTelemetry.Plain(Ipc.Telemetry.PeerTelemetry.Main, "inproc")), 1, "ch");

    /// <summary>Runs a callback in the middle of serialising, then serialises as JSON.</summary>
    private sealed class CallbackSerializer(Action duringSerialization) : IIpcSerializer
    {
        public void Serialize(IBufferWriter<byte> destination, object? value)
        {
            duringSerialization();
            JsonIpcSerializer.Default.Serialize(destination, value);
        }

        public void Serialize<T>(IBufferWriter<byte> destination, T value)
        {
            duringSerialization();
            JsonIpcSerializer.Default.Serialize(destination, value);
        }

        public T? Deserialize<T>(ReadOnlySpan<byte> data) => JsonIpcSerializer.Default.Deserialize<T>(data);
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    [InlineData(64 * 1024)]
    public void AStatusOrErrorReplyNeverPassesTheMaximumMessageSize(int maxMessageSize)
    {
        string channel = new('é', ChannelName.MaxLength); // 2,048 UTF-8 bytes: even the echo may not fit
        string text = new('ü', 100_000);
        var error = new ReplySlot(new Outbox(new OutgoingQueue(_connection, null), JsonIpcSerializer.Default, maxMessageSize, Ipc.Telemetry.PeerTelemetry.Plain(Ipc.Telemetry.PeerTelemetry.Main, "inproc")), 1, channel);
        var status = new ReplySlot(new Outbox(new OutgoingQueue(_connection, null), JsonIpcSerializer.Default, maxMessageSize, Ipc.Telemetry.PeerTelemetry.Plain(Ipc.Telemetry.PeerTelemetry.Main, "inproc")), 2, channel);

        Assert.True(error.TrySendError(new InvalidOperationException(text)));
        Assert.True(status.TrySendStatus(ReplyStatus.NoReply, text));

        Assert.All(_connection.Written, reply => Assert.True(1 + 8 + 4 + Encoding.UTF8.GetByteCount(reply.Channel) + reply.Body.Length <= maxMessageSize, "a reply passed the maximum"));
        var remote = Assert.Throws<IpcRemoteException>(() => Frames.Read<object>(_connection.Written[0]));
        Assert.Equal(typeof(InvalidOperationException).FullName, remote.RemoteType);
        Assert.EndsWith("…", remote.RemoteMessage);
        Assert.StartsWith("üüü", remote.RemoteMessage);
    }

    [Fact]
    public void TextIsCutOnACharacterBoundaryWithinItsByteBudget()
    {
        string text = "a" + char.ConvertFromUtf32(0x1F600) + "b"; // 1 + 4 + 1 bytes

        Assert.Equal(text, ReplySlot.Fit(text, 6));
        Assert.Equal("a…", ReplySlot.Fit(text, 5)); // "a" and the three bytes of "…": the emoji does not fit
        Assert.Equal("…", ReplySlot.Fit(text, 3));
        Assert.Equal("", ReplySlot.Fit(text, 2));
    }
}
