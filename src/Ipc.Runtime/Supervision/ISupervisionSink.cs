namespace Ipc.Supervision;

/// <summary>
/// What the supervision loop tells <see cref="IpcSupervisedRenderer"/>, its facade: which instance is current, and
/// what to report. The facade keeps the public state and raises the events on main's dispatcher.
/// </summary>
internal interface ISupervisionSink
{
    /// <summary>True once a stop was requested (StopAsync, Dispose, main's Dispose): nothing more is started or reported.</summary>
    bool IsStopRequested { get; }

    /// <summary>
    /// An instance connected and becomes current; <paramref name="replaced"/> is how the one before ended (null for
    /// the first). False when a stop was requested meanwhile: the caller stops the instance instead.
    /// </summary>
    bool Connected(IpcSender renderer, IRendererProcess process, IpcRendererExit? replaced, RestartDecision restart);

    /// <summary>The current instance ended; no instance is current until the next <see cref="Connected"/>.</summary>
    void Lost(IpcRendererExit exit);

    /// <summary>Supervision will restart after <paramref name="restart"/>'s delay (for the log).</summary>
    void Restarting(IpcRendererExit exit, RestartDecision restart);

    /// <summary>The current instance did not answer a heartbeat in time.</summary>
    void Unresponsive(IpcRendererUnresponsiveEventArgs args);

    /// <summary>The current instance answered again after <see cref="Unresponsive"/>.</summary>
    void Responsive(IpcRendererResponsiveEventArgs args);
}
