namespace Ipc.Transport;

/// <summary>
/// Receives what a connection reads, on the connection's reading side. A renderer's receiver never runs user
/// code there (the reader must stay free to deliver replies); main's may run a call there when main's loop
/// is idle, inside <see cref="IpcConnection.BeginInlineWork"/> / <see cref="IpcConnection.EndInlineWork"/>.
/// </summary>
internal interface IFrameReceiver
{
    /// <summary>
    /// Called before a frame of <paramref name="length"/> bytes is received (before its bytes are allocated, on a
    /// connection that reads), with <paramref name="start"/>, what of the frame has arrived (perhaps nothing); may
    /// wait, to slow the peer down. False when the connection closed meanwhile: the frame is not to be read. After
    /// true, exactly one of <see cref="OnFrame"/> or <see cref="NotReceived"/> follows.
    /// </summary>
    bool Receiving(int length, ReadOnlySpan<byte> start);

    /// <summary>A frame announced with <see cref="Receiving"/> never arrived whole (the connection ended inside it).</summary>
    void NotReceived(int length);

    /// <summary>One whole frame, without its length prefix; the receiver owns <paramref name="frame"/> from here on (and returns it if it is pooled).</summary>
    void OnFrame(ReceivedFrame frame);

    /// <summary>The connection is gone; called once. <paramref name="error"/> says why when it broke.</summary>
    void OnClosed(Exception? error);

    /// <summary>True while calls this end sent wait for their replies: a SendSync caller that stops reading then wakes a reader for them.</summary>
    bool HasPendingCalls => false;

    /// <summary>The endpoint the connection's reading threads are recorded under (<see cref="Dispatch.OwnedThreads"/>), if any.</summary>
    Dispatch.SerialDispatcher? ThreadOwner => null;
}

/// <summary>
/// One end of a message connection: frames in, frames out. The in-process pair and the OS transports all sit
/// behind this type, so the runtime above behaves the same on each. Writers go through an
/// <see cref="OutgoingQueue"/>, which serialises them: <see cref="Write"/> is never called concurrently.
/// </summary>
internal abstract class IpcConnection : IDisposable, Dispatch.IInlineWorkObserver
{
    /// <summary>The id of the process at the other end.</summary>
    public abstract int RemoteProcessId { get; }

    /// <summary>The transport, as OpenTelemetry's <c>network.transport</c> names it: <c>unix</c>, <c>pipe</c>, <c>tcp</c> (a web page's WebSocket) or <c>inproc</c>.</summary>
    public virtual string NetworkTransport => "inproc";

    /// <summary>The origin of the web page at the other end (<c>http://127.0.0.1:5000</c>), or null for a process.</summary>
    public virtual string? RemoteOrigin => null;

    /// <summary>False once the connection has closed, from either end.</summary>
    public abstract bool IsConnected { get; }

    /// <summary>
    /// True when frames are delivered on a reading thread of the connection's own, which may wait in
    /// <see cref="IFrameReceiver.OnFrame"/> (to slow the peer down) or run main's listeners there; false when
    /// frames arrive on the sender's thread.
    /// </summary>
    public virtual bool HasReadingThread => false;

    /// <summary>Begins delivering frames to <paramref name="receiver"/>; frames that arrived earlier are delivered first.</summary>
    public abstract void Start(IFrameReceiver receiver);

    /// <summary>Writes one frame, its length prefix included, blocking until the transport has taken it.</summary>
    /// <exception cref="IpcDisconnectedException">The connection is closed.</exception>
    public abstract void Write(ReadOnlySpan<byte> framed);

    /// <summary>True when a frame of <paramref name="framedLength"/> bytes can be written now without blocking.</summary>
    public abstract bool CanWriteWithoutBlocking(int framedLength);

    /// <summary>
    /// Lets a SendSync caller read the connection itself while <paramref name="reply"/> is pending, if nobody else reads:
    /// it delivers every frame to the receiver as the reading thread would, and returns once the reply is in, the
    /// deadline passed or the connection ended (the receiver has then been told). False when the caller must wait for
    /// another thread to complete its reply (the default, and whenever someone else reads).
    /// </summary>
    public virtual bool ReadUntilReplied(Task reply, Connection.Deadline deadline) => false;

    /// <summary>Called once an invocation's message is written: its reply will be awaited, not read by its caller.</summary>
    public virtual void OnReplyAwaited()
    {
    }

    /// <summary>
    /// Called on the reading thread, inside <see cref="IFrameReceiver.OnFrame"/>, before it runs user code that may
    /// take long: if it does, another thread goes on reading, so the peer's departure and its replies are still
    /// seen. Returns a token for <see cref="EndInlineWork"/>.
    /// </summary>
    public virtual object? BeginInlineWork() => null;

    /// <summary>Ends what <see cref="BeginInlineWork"/> began.</summary>
    public virtual void EndInlineWork(object? token)
    {
    }

    /// <summary>Closes the connection; the receiver is told once, with <paramref name="error"/> when it broke.</summary>
    public abstract void Close(Exception? error);

    /// <summary>Closes the connection: both ends' receivers are told.</summary>
    public void Dispose() => Close(null);
}
