// Compiled into both tests/Ipc.TestRenderer and tests/Ipc.CrossProcess.Tests (linked there), as IGreeter is.
namespace Ipc.TestRenderer.Contracts;

/// <summary>
/// What the "hosted" renderer serves through the generic host (<c>AddService</c>), and main uses the instant that
/// renderer connects: a message, an invocation, and a report of the messages.
/// </summary>
[IpcChannel(IpcDirection.MainToRenderer)]
internal interface IStartupProbe
{
    /// <summary>A message: the renderer records <paramref name="number"/>.</summary>
    void Record(int number);

    /// <summary>An invocation: answers <paramref name="number"/>.</summary>
    Task<int> Echo(int number);

    /// <summary>The numbers <see cref="Record"/> received, in order.</summary>
    Task<int[]> Received();
}
