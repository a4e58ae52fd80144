namespace Ipc;

/// <summary>
/// Describes the end of a renderer's supervision: the result of <see cref="IpcSupervisedRenderer.Completion"/>, and of
/// <see cref="IpcSupervisedRenderer.Ended"/> when it ended by itself.
/// Immutable, so thread-safe; raised on main's dispatcher.
/// </summary>
public sealed class IpcSupervisionEndedEventArgs : EventArgs
{
    /// <summary>Creates the description.</summary>
    /// <param name="reason">Why supervision ended.</param>
    /// <param name="lastExit">How the last instance ended, if one ended.</param>
    /// <param name="restarts">How many restarts supervision made.</param>
    public IpcSupervisionEndedEventArgs(IpcSupervisionEndReason reason, IpcRendererExit? lastExit, int restarts)
    {
        Reason = reason;
        LastExit = lastExit;
        Restarts = restarts;
    }

    /// <summary>Why supervision ended.</summary>
    public IpcSupervisionEndReason Reason { get; }

    /// <summary>
    /// How the last instance ended: for <see cref="IpcSupervisionEndReason.GaveUp"/>, the failure that spent the budget;
    /// for <see cref="IpcSupervisionEndReason.RendererExited"/>, the clean exit. Null when supervision was stopped
    /// (an instance stopped on request did not fail) and no instance had failed before.
    /// </summary>
    public IpcRendererExit? LastExit { get; }

    /// <summary>How many restarts supervision made in all (boot failures included).</summary>
    public int Restarts { get; }
}
