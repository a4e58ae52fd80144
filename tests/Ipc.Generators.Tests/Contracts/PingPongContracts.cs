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

/// <summary>Main → renderer replies.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IPingPongReplies
{
    void AsynchronousReply(string arg);
}
