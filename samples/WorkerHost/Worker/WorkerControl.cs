using System.Diagnostics;

namespace WorkerHost;

/// <summary>Serves <see cref="IWorkerControl"/> on the worker.</summary>
public sealed class WorkerControl : IWorkerControl
{
    public Task<int> ProcessId() => Task.FromResult(Environment.ProcessId);

    /// <summary>Dies at once, as a crash would: the process kills itself, with no chance to clean up.</summary>
    public void Crash() => Process.GetCurrentProcess().Kill();
}
