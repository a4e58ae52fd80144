namespace Ipc;

/// <summary>Why supervision of a renderer ended (<see cref="IpcSupervisionEndedEventArgs.Reason"/>).</summary>
public enum IpcSupervisionEndReason
{
    /// <summary><see cref="IpcSupervisedRenderer.StopAsync"/> or <see cref="IpcSupervisedRenderer.Dispose"/> stopped it.</summary>
    Stopped,

    /// <summary>
    /// An instance ended when the crash budget was spent (<see cref="IpcSupervisionOptions.MaxRestarts"/> restarts within
    /// <see cref="IpcSupervisionOptions.RestartWindow"/>), so it was not restarted.
    /// </summary>
    GaveUp,

    /// <summary>The renderer exited with code 0 and <see cref="IpcSupervisionOptions.RestartOnCleanExit"/> is false.</summary>
    RendererExited,

    /// <summary>The <see cref="IpcMain"/> was disposed; its supervised renderers were killed with it.</summary>
    MainDisposed,
}
