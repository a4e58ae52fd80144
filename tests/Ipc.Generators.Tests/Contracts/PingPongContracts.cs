using Ipc;

namespace Ipc.Generators.Tests.Contracts;

/// <summary>The Electron docs' ping/pong, renderer → main, with an invocation that can be cancelled.</summary>
[IpcChannel]
public interface IPingPong
{
    void AsynchronousMessage(string arg);

    string SynchronousMessage(string arg);

    Task<int> Add(int a, int b, CancellationToken ct = default);

    Task<string> WaitForever(string label, CancellationToken ct);

    ValueTask Reset();
}

/// <summary>Main → renderer: a reply, and invocations of the renderer's handlers.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IPingPongReplies
{
    void AsynchronousReply(string arg);

    Task<string> Status(string detail, CancellationToken ct = default);

    Task<string> Hang(CancellationToken ct);

    ValueTask Refresh();

    Task Fail(string message);
}

/// <summary>Main → renderer messages only, so main's broadcast is an <see cref="IPingPongNotices"/> too.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IPingPongNotices
{
    void Notice(string text);
}
