using System.Diagnostics;

namespace Ipc.Supervision;

/// <summary>
/// The step supervision repeats: start a renderer process and wait until it connects or exits. In production it is
/// <see cref="Processes.RendererLauncher"/>; the unit tests substitute fake processes, so that restarts, budgets and
/// back-off can be driven by a fake clock without starting anything.
/// </summary>
internal interface IRendererStarter
{
    /// <summary>Starts a renderer and returns once it has connected, or has exited before connecting.</summary>
    /// <param name="startInfo">What to start; its environment gets the address and token to connect with.</param>
    /// <param name="cancellationToken">Ends the wait; a child that has not connected yet is killed.</param>
    /// <returns>The process, and its renderer when it connected.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    /// <exception cref="ObjectDisposedException">The <see cref="IpcMain"/> was disposed.</exception>
    /// <remarks>Anything else thrown (a missing executable, say) means the process could not start.</remarks>
    Task<RendererStart> StartAsync(ProcessStartInfo startInfo, CancellationToken cancellationToken);
}

/// <summary>A started renderer process, as supervision needs it. Thread-safe.</summary>
internal interface IRendererProcess
{
    /// <summary>The operating system's id of the process.</summary>
    int Id { get; }

    /// <summary>Completes with the exit code once the process has exited (on Unix, 128 + n for a process ended by signal n).</summary>
    Task<int> Exited { get; }

    /// <summary>Kills the process and its descendants; does nothing once it has exited, and never throws.</summary>
    void Kill();
}

/// <summary>What a start gave: a connected renderer, or a process that exited before connecting.</summary>
/// <param name="Process">The started process.</param>
/// <param name="Renderer">Main's view of the connected renderer; null when the process exited first.</param>
/// <param name="ExitCodeBeforeConnecting">The exit code of a process that exited before connecting.</param>
internal sealed record RendererStart(IRendererProcess Process, IpcSender? Renderer, int? ExitCodeBeforeConnecting);
