namespace Ipc;

/// <summary>Describes a supervised renderer that stopped answering heartbeats (<see cref="IpcSupervisedRenderer.Unresponsive"/>). Immutable, so thread-safe; raised on main's dispatcher.</summary>
public sealed class IpcRendererUnresponsiveEventArgs : EventArgs
{
    /// <summary>Creates the description.</summary>
    /// <param name="renderer">The unresponsive renderer.</param>
    /// <param name="waited">How long its heartbeat has gone unanswered.</param>
    /// <param name="willRestart">Whether supervision kills and restarts it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="renderer"/> is null.</exception>
    public IpcRendererUnresponsiveEventArgs(IpcSender renderer, TimeSpan waited, bool willRestart)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        Renderer = renderer;
        Waited = waited;
        WillRestart = willRestart;
    }

    /// <summary>The renderer whose dispatcher did not answer.</summary>
    public IpcSender Renderer { get; }

    /// <summary>How long its heartbeat has gone unanswered: <see cref="IpcSupervisionOptions.UnresponsiveTimeout"/>.</summary>
    public TimeSpan Waited { get; }

    /// <summary>
    /// True when supervision kills it and restarts it (<see cref="IpcSupervisionOptions.RestartUnresponsive"/>), which
    /// <see cref="IpcSupervisedRenderer.Restarted"/> then reports with <see cref="IpcRendererExitReason.Hung"/>; false when
    /// it waits, and <see cref="IpcSupervisedRenderer.Responsive"/> tells if the renderer answers again.
    /// </summary>
    public bool WillRestart { get; }
}

/// <summary>Describes a supervised renderer that answered again after being unresponsive (<see cref="IpcSupervisedRenderer.Responsive"/>). Immutable, so thread-safe; raised on main's dispatcher.</summary>
public sealed class IpcRendererResponsiveEventArgs : EventArgs
{
    /// <summary>Creates the description.</summary>
    /// <param name="renderer">The renderer.</param>
    /// <param name="waited">How long its heartbeat went unanswered in all.</param>
    /// <exception cref="ArgumentNullException"><paramref name="renderer"/> is null.</exception>
    public IpcRendererResponsiveEventArgs(IpcSender renderer, TimeSpan waited)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        Renderer = renderer;
        Waited = waited;
    }

    /// <summary>The renderer that answered.</summary>
    public IpcSender Renderer { get; }

    /// <summary>How long the heartbeat it answered had waited.</summary>
    public TimeSpan Waited { get; }
}
