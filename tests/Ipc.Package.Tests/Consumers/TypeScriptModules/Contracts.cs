using Ipc;

namespace TypeScriptModules;

public sealed record Greeting(string Text, int Times);

/// <summary>What a page sends to main.</summary>
[IpcChannel]
public interface IPingPong
{
    void AsynchronousMessage(string arg);

    Task<Greeting> Greet(string name, CancellationToken ct = default);
}

/// <summary>What main sends a page.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IPingPongReplies
{
    void AsynchronousReply(string arg);
}
