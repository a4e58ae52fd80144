namespace Ipc;

/// <summary>
/// Describes a restart of a supervised renderer (<see cref="IpcSupervisedRenderer.Restarted"/>): how the instance it
/// replaces ended, how long supervision waited, and the new instance, already connected.
/// Immutable, so thread-safe; raised on main's dispatcher.
/// </summary>
public sealed class IpcRendererRestartedEventArgs : EventArgs
{
    /// <summary>Creates the description.</summary>
    /// <param name="exit">How the replaced instance ended (the last one, when several starts failed before this one connected).</param>
    /// <param name="attempt">The number of this restart in the current run of failures, from 1.</param>
    /// <param name="delay">How long supervision waited before this start.</param>
    /// <param name="renderer">The new instance.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exit"/> or <paramref name="renderer"/> is null.</exception>
    public IpcRendererRestartedEventArgs(IpcRendererExit exit, int attempt, TimeSpan delay, IpcSender renderer)
    {
        ArgumentNullException.ThrowIfNull(exit);
        ArgumentNullException.ThrowIfNull(renderer);
        Exit = exit;
        Attempt = attempt;
        Delay = delay;
        Renderer = renderer;
    }

    /// <summary>
    /// How the instance this restart replaces ended. When starts failed before this one connected, the last of them
    /// (a <see cref="IpcRendererExitReason.BootFailure"/>).
    /// </summary>
    public IpcRendererExit Exit { get; }

    /// <summary>Why the replaced instance ended: <see cref="Exit"/>'s <see cref="IpcRendererExit.Reason"/>.</summary>
    public IpcRendererExitReason Reason => Exit.Reason;

    /// <summary>
    /// The number of this start in the current run of failures: 1 for the first restart after an instance that ran,
    /// 2 when one start failed before it, and so on. It picks the back-off: the delay doubles with each attempt.
    /// </summary>
    public int Attempt { get; }

    /// <summary>How long supervision waited before starting this instance.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The new instance, connected: the same as <see cref="IpcSupervisedRenderer.Current"/> when the event was queued.</summary>
    public IpcSender Renderer { get; }
}
