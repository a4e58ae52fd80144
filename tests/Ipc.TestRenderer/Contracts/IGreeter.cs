// Compiled into both tests/Ipc.TestRenderer and tests/Ipc.CrossProcess.Tests (linked there), each with the IpcGen
// generator: the renderer calls the generated proxy, main registers the generated typed handler. Internal, so that the
// two copies never clash through the test project's reference to the renderer's assembly.
namespace Ipc.TestRenderer.Contracts;

/// <summary>The typed contract the "traced" renderer invokes main through (channel "greet").</summary>
[IpcChannel]
internal interface IGreeter
{
    /// <summary>Main answers with a greeting for <paramref name="name"/>.</summary>
    Task<string> Greet(string name);
}
