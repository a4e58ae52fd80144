using System.ComponentModel;
using System.Diagnostics;
using Ipc.Supervision;

namespace Ipc.Processes;

/// <summary>
/// A started renderer's <see cref="Process"/>, owned here alone: its exit code is read once, when it exits, and the
/// <see cref="Process"/> is disposed right after, so nobody else can find it disposed while reading it. Thread-safe.
/// </summary>
internal sealed class RendererProcess : IRendererProcess
{
    private readonly Process _process;
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private bool _released;

    /// <summary>Watches <paramref name="process"/>, just started, for its exit.</summary>
    public RendererProcess(Process process)
    {
        _process = process;
        Id = process.Id;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => OnExited();
        if (process.HasExited)
        {
            OnExited(); // it exited before the handler was attached; a second call does nothing
        }
    }

    public int Id { get; }

    public Task<int> Exited => _exited.Task;

    public void Kill()
    {
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or Win32Exception or NotSupportedException)
            {
                // It has exited already.
            }
        }
    }

    private void OnExited()
    {
        int exitCode;
        lock (_gate)
        {
            if (_released)
            {
                return;
            }

            try
            {
                exitCode = _process.ExitCode;
            }
            catch (InvalidOperationException)
            {
                return; // not exited after all (HasExited raced the event): the event comes later
            }

            _released = true;
        }

        _process.Dispose();
        _exited.TrySetResult(exitCode);
    }
}
