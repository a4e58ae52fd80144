namespace Ipc.Transport;

/// <summary>
/// Receives what a connection reads, on the connection's reading side. A renderer's receiver never runs user
/// code there (the reader must stay free to deliver replies); main's may, through
/// <see cref="Dispatch.SerialDispatcher.RunOrEnqueue"/>, when the connection has a reading thread of its own.
/// </summary>
internal interface IFrameReceiver
{
    /// <summary>One whole frame; the receiver owns <paramref name="frame"/> from here on.</summary>
    void OnFrame(ReadOnlyMemory<byte> frame);

    /// <summary>The connection is gone; called once. <paramref name="error"/> says why when it broke.</summary>
    void OnClosed(Exception? error);
}

/// <summary>
/// One end of a message connection: frames in, frames out. The in-process pair and the OS transports
/// all sit behind this type, so the runtime above behaves the same on each.
/// </summary>
internal abstract class IpcConnection : IDisposable
{
    /// <summary>The id of the process at the other end.</summary>
    public abstract int RemoteProcessId { get; }

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

    /// <summary>Sends one frame. Thread-safe: frames from concurrent writers never interleave.</summary>
    /// <exception cref="IpcDisconnectedException">The connection is closed.</exception>
    public abstract void Write(ReadOnlySpan<byte> frame);

    /// <summary>Closes the connection; both ends' receivers are told.</summary>
    public abstract void Dispose();
}
