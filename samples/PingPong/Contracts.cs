using Ipc;

namespace PingPong;

/// <summary>What the renderer sends to main: Electron's "asynchronous-message" and "synchronous-message".</summary>
[IpcChannel]
public interface IPingPong
{
    /// <summary>Fire and forget; main answers on <see cref="IPingPongReplies.AsynchronousReply"/>.</summary>
    void AsynchronousMessage(string arg);

    /// <summary>Blocks the renderer until main sets <c>ReturnValue</c>.</summary>
    string SynchronousMessage(string arg);
}

/// <summary>What main sends back to a renderer: Electron's "asynchronous-reply".</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IPingPongReplies
{
    /// <summary>The answer to <see cref="IPingPong.AsynchronousMessage"/>.</summary>
    void AsynchronousReply(string arg);
}
