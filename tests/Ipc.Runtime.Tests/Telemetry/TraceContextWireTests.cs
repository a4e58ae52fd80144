using System.Buffers.Binary;
using System.Diagnostics;
using Ipc.Protocol;
using Ipc.Runtime.Tests.Core;
using Ipc.Telemetry;
using Ipc.Transport;

namespace Ipc.Runtime.Tests.Telemetry;

/// <summary>
/// The trace context on the wire: a frame carries it only when both ends agreed in the handshake and the sender
/// has a listener; a peer that did not agree never sees the field, and refuses a frame that has it.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class TraceContextWireTests
{
    private static readonly PeerTelemetry Agreed = new(PeerTelemetry.Main, "inproc", 7, carriesTraceContext: true);
    private static readonly PeerTelemetry NotAgreed = new(PeerTelemetry.Main, "inproc", 7, carriesTraceContext: false);

    [Fact]
    public void WithAgreementAndAListenerCallsAndMessagesCarryTheCurrentTraceContext()
    {
        using var spans = new SpanRecorder();
        using var rig = new PeerRig(telemetry: Agreed);
        using Activity outer = SpanRecorder.TestSource.StartActivity("outer")!;
        outer.TraceStateString = "vendor=value";

        rig.Peer.Outbox.SendMessage(MessageKind.MainSend, "message", [1]);
        _ = rig.Peer.Calls.InvokeAsync<int>(MessageKind.Invoke, "call", [], Timeout.InfiniteTimeSpan, CancellationToken.None);

        Assert.All(rig.Connection.WrittenBytes, bytes => Assert.Equal(TraceContext.Flag, bytes[0] & TraceContext.Flag));
        Frame message = Frame.Decode(rig.Connection.WrittenBytes[0], traceContextAgreed: true);
        Frame call = Frame.Decode(rig.Connection.WrittenBytes[1], traceContextAgreed: true);
        Assert.Equal((MessageKind.MainSend, "message"), (message.Kind, message.Channel));
        Assert.Equal((MessageKind.Invoke, "call"), (call.Kind, call.Channel));
        foreach (Frame frame in new[] { message, call })
        {
            ActivityContext parent = TraceContext.Parse(frame.TraceParent, frame.TraceState);
            Assert.Equal(outer.TraceId, parent.TraceId);
            Assert.NotEqual(outer.SpanId, parent.SpanId); // the IpcGen span inside it, not the caller's own
            Assert.Equal("vendor=value", parent.TraceState);
            Assert.True(parent.IsRemote);
        }

        Assert.Equal(1, Frame.Decode(rig.Connection.WrittenBytes[0], traceContextAgreed: true).Body.Span[0]); // the arguments follow, untouched
    }

    [Fact]
    public void APeerThatDidNotAgreeNeverSeesTheField()
    {
        using var spans = new SpanRecorder();
        using var rig = new PeerRig(telemetry: NotAgreed);
        using Activity outer = SpanRecorder.TestSource.StartActivity("outer")!;

        rig.Peer.Outbox.SendMessage(MessageKind.MainSend, "message", [1]);
        _ = rig.Peer.Calls.InvokeAsync<int>(MessageKind.Invoke, "call", [], Timeout.InfiniteTimeSpan, CancellationToken.None);

        Assert.Equal(2, rig.Connection.WrittenBytes.Count);
        Assert.All(rig.Connection.WrittenBytes, bytes => Assert.Equal(0, bytes[0] & TraceContext.Flag));
        Assert.All(rig.Connection.Written, frame => Assert.Null(frame.TraceParent));
    }

    [Fact]
    public void WithoutAListenerOnTheSendingEndNoFrameCarriesTheField()
    {
        using var rig = new PeerRig(telemetry: Agreed);
        using Activity outer = new Activity("started without any listener").SetIdFormat(ActivityIdFormat.W3C).Start();

        rig.Peer.Outbox.SendMessage(MessageKind.MainSend, "message", [1]);

        Assert.Equal(0, Assert.Single(rig.Connection.WrittenBytes)[0] & TraceContext.Flag);
    }

    [Fact]
    public void AFrameWithTheFieldIsRefusedWhereTheEndsDidNotAgree()
    {
        byte[] bytes = Traced(MessageKind.Send, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "");

        Assert.Contains("Unknown message kind", Assert.Throws<InvalidDataException>(() => Frame.Decode(bytes)).Message);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", Frame.Decode(bytes, traceContextAgreed: true).TraceParent);
    }

    [Theory]
    [InlineData((byte)MessageKind.Reply)]
    [InlineData((byte)MessageKind.Cancel)]
    public void RepliesAndCancelsNeverCarryTheField(byte kind)
    {
        byte[] bytes = Traced((MessageKind)kind, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "");

        Assert.Contains("cannot carry a trace context", Assert.Throws<InvalidDataException>(() => Frame.Decode(bytes, traceContextAgreed: true)).Message);
    }

    [Fact]
    public void ATraceParentOrTraceStatePastItsLimitIsRefusedBeforeItIsRead()
    {
        byte[] longParent = Traced(MessageKind.Send, new string('a', TraceContext.MaxTraceParentBytes + 1), "");
        byte[] longState = Traced(MessageKind.Send, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", new string('s', TraceContext.MaxTraceStateBytes + 1));
        byte[] cutOff = Traced(MessageKind.Send, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "")[..^6];

        Assert.Contains("traceparent is longer than", Assert.Throws<InvalidDataException>(() => Frame.Decode(longParent, traceContextAgreed: true)).Message);
        Assert.Contains("tracestate is longer than", Assert.Throws<InvalidDataException>(() => Frame.Decode(longState, traceContextAgreed: true)).Message);
        Assert.Throws<InvalidDataException>(() => Frame.Decode(cutOff, traceContextAgreed: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")]
    public void ATraceParentThatDoesNotParseCostsTheMessageItsParentNotItsDelivery(string traceParent)
    {
        Frame frame = Frame.Decode(Traced(MessageKind.Send, traceParent, "x=1"), traceContextAgreed: true);

        Assert.Equal("ch", frame.Channel);
        Assert.Equal(default, TraceContext.Parse(frame.TraceParent, frame.TraceState));
    }

    [Fact]
    public void ATraceStateTooLongToPropagateIsDroppedNotCut()
    {
        using var spans = new SpanRecorder();
        using var rig = new PeerRig(telemetry: Agreed);
        using Activity outer = SpanRecorder.TestSource.StartActivity("outer")!;
        outer.TraceStateString = "k=" + new string('v', TraceContext.MaxTraceStateBytes);

        rig.Peer.Outbox.SendMessage(MessageKind.MainSend, "message", []);

        Frame frame = Frame.Decode(rig.Connection.WrittenBytes[0], traceContextAgreed: true);
        Assert.NotNull(frame.TraceParent);
        Assert.Equal("", frame.TraceState);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void TheHelloAndTheWelcomeCarryTheFeatures(int offered)
    {
        var features = (Handshake.Features)offered;
        var stream = new MemoryStream();
        Handshake.WriteHello(stream, 12, 34, "token", features);
        Handshake.WriteWelcome(stream, 5, 6, features);
        stream.Position = 0;

        Assert.Equal(new Handshake.Hello(12, 34, "token", features), Handshake.ReadHello(stream));
        Assert.Equal(new Handshake.Welcome(5, 6, features), Handshake.ReadWelcome(stream));
    }

    [Fact]
    public void AHandshakeFromAnEndThatPredatesTheFeaturesFieldAgreesToNone()
    {
        var stream = new MemoryStream();
        stream.Write(WithoutLastField(write => Handshake.WriteHello(write, 12, 34, "token", Handshake.Features.TraceContext)));
        stream.Write(WithoutLastField(write => Handshake.WriteWelcome(write, 5, 6, Handshake.Features.TraceContext)));
        stream.Position = 0;

        Assert.Equal(new Handshake.Hello(12, 34, "token", Handshake.Features.None), Handshake.ReadHello(stream));
        Assert.Equal(new Handshake.Welcome(5, 6, Handshake.Features.None), Handshake.ReadWelcome(stream));
    }

    [Fact]
    public void FeatureBitsThisEndDoesNotKnowAreIgnored()
    {
        var stream = new MemoryStream();
        Handshake.WriteHello(stream, 12, 34, "token", (Handshake.Features)0x7FFF_FFFF);
        stream.Position = 0;

        Assert.Equal(Handshake.Features.All, Handshake.ReadHello(stream).Offered);
    }

    /// <summary>A Send/Reply/Cancel frame whose kind byte has the flag, with the two trace strings after the channel.</summary>
    private static byte[] Traced(MessageKind kind, string traceParent, string traceState) =>
        Frames.Build(frame =>
        {
            frame.WriteByte((byte)((byte)kind | TraceContext.Flag));
            frame.WriteInt64(1);
            frame.WriteString("ch");
            frame.WriteString(traceParent);
            frame.WriteString(traceState);
            frame.WriteInt32(0); // an empty argument section
        });

    /// <summary>A handshake frame as an end that predates the features field writes it: the last four bytes gone.</summary>
    private static byte[] WithoutLastField(Action<Stream> write)
    {
        var stream = new MemoryStream();
        write(stream);
        byte[] framed = stream.ToArray()[..^4];
        BinaryPrimitives.WriteInt32LittleEndian(framed, framed.Length - Framing.PrefixSize);
        return framed;
    }
}
