using Ipc;

namespace WorkerHost;

/// <summary>What a worker asks of main.</summary>
[IpcChannel]
public interface IJobs
{
    /// <summary>Records a finished job and returns how many this worker has finished so far.</summary>
    Task<int> Complete(string job);

    /// <summary>A line for main's log.</summary>
    void Report(string line);
}

/// <summary>What main asks of its workers.</summary>
[IpcChannel(IpcDirection.MainToRenderer)]
public interface IWorkerControl
{
    /// <summary>Who the worker is: its process id.</summary>
    Task<int> ProcessId();

    /// <summary>Makes the worker crash, for the demonstration of supervision.</summary>
    void Crash();
}
