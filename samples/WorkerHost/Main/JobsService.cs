using Ipc;

namespace WorkerHost;

/// <summary>Serves <see cref="IJobs"/>: one instance per call, with a scoped <see cref="JobStore"/> of its own.</summary>
public sealed class JobsService(JobStore store, JobCounter counter, IpcCallContext call) : IJobs
{
    public Task<int> Complete(string job)
    {
        store.Save(job);
        return Task.FromResult(counter.Add(call.Sender!.ProcessId));
    }

    public void Report(string line) => Console.WriteLine($"[{call.Sender}] {line}");
}

/// <summary>A stand-in for a scoped unit of work, such as a DbContext: made and disposed once per call.</summary>
public sealed class JobStore : IDisposable
{
    public static int Disposed;

    public void Save(string job)
    {
        _ = job;
    }

    public void Dispose() => Interlocked.Increment(ref Disposed);
}

/// <summary>Jobs finished per worker process, for the whole run.</summary>
public sealed class JobCounter
{
    private readonly Dictionary<int, int> _byProcess = [];

    public int Add(int processId)
    {
        lock (_byProcess)
        {
            _byProcess[processId] = _byProcess.GetValueOrDefault(processId) + 1;
            return _byProcess[processId];
        }
    }
}
