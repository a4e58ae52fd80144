using System.Buffers.Binary;
using System.Diagnostics;
using Ipc.Protocol;
using Ipc.Telemetry;
using Ipc.Transport;

namespace Ipc.Connection;

/// <summary>
/// One end of one connection, the same for main and a renderer: the connection core. It reads frames,
/// lets the role's <see cref="InboundPolicy"/> decide what to accept and where it runs, completes this end's
/// calls from replies (<see cref="Calls"/>), runs the other end's invocations (<see cref="Invocations"/>)
/// and writes through one <see cref="Outbox"/>. <see cref="IpcMain"/> (one peer per renderer) and
/// <see cref="IpcRenderer"/> (one peer) are facades over it.
/// </summary>
[DebuggerDisplay("Peer {Name}, Connected = {IsConnected}")]
internal sealed class Peer : IFrameReceiver
{
    /// <summary>The peer whose SendSync the current thread is answering (a main sync listener runs), if any.</summary>
    [ThreadStatic]
    private static Peer? t_answeringSendSyncOf;

    private readonly OutgoingQueue _outgoing;
    private readonly MalformedFrames _malformed;

    public Peer(
        IpcConnection connection,
        IPeerEndpoint endpoint,
        InboundPolicy inbound,
        IIpcSerializer serializer,
        int maxMessageSize,
        OutgoingQueueLimits? outgoingLimits,
        string name,
        PeerTelemetry telemetry,
        Handshake.Features agreed = Handshake.Features.None)
    {
        Connection = connection;
        Endpoint = endpoint;
        Inbound = inbound;
        Name = name;
        Telemetry = telemetry;
        _outgoing = new OutgoingQueue(connection, outgoingLimits, endpoint.Dispatcher);
        Outbox = new Outbox(_outgoing, serializer, maxMessageSize, telemetry, agreed.HasFlag(Handshake.Features.BinaryArguments));
        Calls = new CallTable(Outbox, name, connection);
        Invocations = new RunningInvocations(endpoint.Dispatcher);
        _malformed = new MalformedFrames(this);
    }

    /// <summary>How this end names the other in messages: "the main process", or a renderer's <see cref="IpcSender"/> text.</summary>
    public string Name { get; }

    public IpcConnection Connection { get; }

    /// <summary>What this connection's spans and measurements say about it, and whether its frames carry trace context.</summary>
    public PeerTelemetry Telemetry { get; }

    /// <summary>The bytes written to this connection that wait for the other end to read them.</summary>
    public long QueuedBytes => _outgoing.QueuedBytes;

    public IPeerEndpoint Endpoint { get; }

    public InboundPolicy Inbound { get; }

    public Outbox Outbox { get; }

    /// <summary>The calls this end sent to the other and waits on.</summary>
    public CallTable Calls { get; }

    /// <summary>The other end's invocations running here.</summary>
    public RunningInvocations Invocations { get; }

    /// <summary>Main's view of the renderer at the other end; null at a renderer's end.</summary>
    public IpcSender? Sender { get; set; }

    public bool IsConnected => Connection.IsConnected;

    /// <summary>True while the current thread runs main's sync listeners for this peer's SendSync.</summary>
    public bool IsAnsweringSendSyncOnCurrentThread => t_answeringSendSyncOf == this;

    public void Start()
    {
        IpcMetrics.Opened(this);
        Connection.Start(this);
    }

    public void Close() => Connection.Dispose();

    /// <summary>Marks the current thread as answering this peer's SendSync, for <see cref="IsAnsweringSendSyncOnCurrentThread"/>.</summary>
    public SendSyncScope AnswerSendSync() => new(this);

    bool IFrameReceiver.Receiving(int length, ReadOnlySpan<byte> start) => Inbound.Receiving(length, start, Connection);

    void IFrameReceiver.NotReceived(int length) => Inbound.Dropped(length);

    bool IFrameReceiver.HasPendingCalls => Calls.Count > 0;

    void IFrameReceiver.OnFrame(ReceivedFrame received)
    {
        ReadOnlyMemory<byte> bytes = received.Bytes;
        IpcMetrics.Received(Telemetry, bytes.Span);
        InboundMessage? message = null;
        bool accepted = false;
        try
        {
            message = Accept(received);
            accepted = true;
        }
        finally
        {
            if (message is null)
            {
                Inbound.Dropped(bytes.Length); // handled here, dropped, or failed: its bytes are free
                if (accepted && !IsReply(bytes.Span))
                {
                    received.Return(); // nothing kept it; a reply's bytes went to its caller, which reads them later
                }
            }
        }

        if (message is not null)
        {
            Inbound.Admit(this, message); // from here the dispatcher gives its bytes back
        }
    }

    /// <summary>
    /// Decodes a frame: the message to dispatch, or null when it was handled here (a reply, a refused nested
    /// invoke) or dropped as malformed.
    /// </summary>
    private InboundMessage? Accept(ReceivedFrame received)
    {
        ReadOnlyMemory<byte> bytes = received.Bytes;
        Frame frame;
        try
        {
            frame = Frame.Decode(bytes, Telemetry.CarriesTraceContext);
        }
        catch (InvalidDataException e)
        {
            ReportMalformed(null, e);
            AnswerUndecodableCall(bytes.Span, e);
            return null;
        }

        if (!Inbound.Accepts(frame.Kind))
        {
            var refused = new InvalidDataException($"{Name} may not send {frame.Kind} frames here.");
            ReportMalformed(frame.Channel, refused);
            if (IsCallKind(frame.Kind))
            {
                new ReplySlot(Outbox, frame.Id, frame.Channel).TrySendError(refused); // its caller must not wait for an answer that cannot come
            }

            return null;
        }

        if (frame.Kind == MessageKind.Reply)
        {
            _malformed.OnWellFormed();
            Calls.Complete(new Frame(frame.Kind, frame.Id, frame.Channel, frame.Body) { Source = received }); // its caller returns a pooled array
            return null;
        }

        if (frame.Kind == MessageKind.NestedInvoke && Endpoint.IsDispatcherBlockedInSendSync)
        {
            new ReplySlot(Outbox, frame.Id, frame.Channel).TrySendStatus(
                ReplyStatus.Refused,
                $"The renderer cannot run its handler for '{frame.Channel}': its dispatcher is blocked in a SendSync that the main-process listener invoking it is answering, so neither could ever finish. Use InvokeAsync instead of SendSync on the renderer, or let the main listener await instead of blocking.");
            return null;
        }

        if (frame.Kind == MessageKind.Invoke && Endpoint.IsDispatcherBlockedInSendSync && ChannelName.IsHeartbeat(frame.Channel))
        {
            // A renderer whose dispatcher waits in SendSync waits on main, within its SendSyncTimeout: it is not hung, and
            // its heartbeat, which would queue behind that wait, is answered here (only main checks a renderer's liveness).
            _malformed.OnWellFormed();
            new ReplySlot(Outbox, frame.Id, frame.Channel).TrySendValue<object?>(null);
            return null;
        }

        IpcArgs? args = null;
        if (frame.Kind != MessageKind.Cancel)
        {
            try
            {
                args = IpcArgs.FromSection(frame.Channel, frame.Body, Outbox.Serializer);
            }
            catch (InvalidDataException e)
            {
                ReportMalformed(frame.Channel, e);
                if (IsCallKind(frame.Kind))
                {
                    new ReplySlot(Outbox, frame.Id, frame.Channel).TrySendError(e);
                }

                return null;
            }
        }

        _malformed.OnWellFormed();
        return new InboundMessage(this, frame.Kind, frame.Id, frame.Channel, args, received, frame.TraceParent, frame.TraceState);
    }

    private static bool IsReply(ReadOnlySpan<byte> frame) => frame.Length > 0 && Frame.KindOf(frame[0]) == MessageKind.Reply;

    Dispatch.SerialDispatcher IFrameReceiver.ThreadOwner => Endpoint.Dispatcher;

    void IFrameReceiver.OnClosed(Exception? error)
    {
        IpcMetrics.Closed(this, error); // before the endpoint hears of it, so its events find the measurements done
        _outgoing.OnClosed();
        Inbound.OnClosed();
        Calls.Close(error);
        Invocations.CancelAll();
        Endpoint.OnPeerClosed(this, error);
    }

    private static bool IsCallKind(MessageKind kind) => kind is MessageKind.SendSync or MessageKind.Invoke or MessageKind.NestedInvoke;

    /// <summary>
    /// A call whose header failed to decode (a channel name that is not UTF-8, say) still has a readable kind
    /// and id: answer it with the error, so its caller does not wait for a reply that cannot come.
    /// </summary>
    private void AnswerUndecodableCall(ReadOnlySpan<byte> bytes, InvalidDataException error)
    {
        if (bytes.Length >= 9 && IsCallKind(Frame.KindOf(bytes[0])) && Inbound.Accepts(Frame.KindOf(bytes[0])))
        {
            new ReplySlot(Outbox, BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(1)), "").TrySendError(error);
        }
    }

    /// <summary>Reports a dropped frame (see <see cref="MalformedFrames"/>), closing a connection that sends nothing else.</summary>
    private void ReportMalformed(string? channel, InvalidDataException error)
    {
        if (_malformed.OnMalformed(channel, error))
        {
            Connection.Close(_malformed.TooMany());
        }
    }

    /// <summary>The span of a main sync listener run, for <see cref="IsAnsweringSendSyncOnCurrentThread"/>.</summary>
    public readonly struct SendSyncScope : IDisposable
    {
        private readonly Peer? _outer;

        public SendSyncScope(Peer peer)
        {
            _outer = t_answeringSendSyncOf;
            t_answeringSendSyncOf = peer;
        }

        public void Dispose() => t_answeringSendSyncOf = _outer;
    }
}
