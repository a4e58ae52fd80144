namespace Ipc;

/// <summary>Why one instance of a supervised renderer ended (<see cref="IpcRendererExit.Reason"/>).</summary>
public enum IpcRendererExitReason
{
    /// <summary>
    /// It never connected: the process could not start (<see cref="IpcRendererExit.Exception"/> says why), or exited
    /// before connecting to main (<see cref="IpcRendererExit.ExitCode"/>). Usually a wrong path, argument or environment,
    /// or a renderer that fails during its own start-up.
    /// </summary>
    BootFailure,

    /// <summary>
    /// It had connected, then its process exited with a non-zero code, or was ended by a signal (on Unix,
    /// <see cref="IpcRendererExit.Signal"/>): an unhandled exception, <c>Environment.Exit(n)</c>, a kill.
    /// </summary>
    Crashed,

    /// <summary>It had connected, then its process exited with code 0 though main had not asked it to stop.</summary>
    Exited,

    /// <summary>
    /// It closed its connection to main (or the connection broke) while its process went on running; supervision gave
    /// it a moment to exit, then killed it.
    /// </summary>
    Disconnected,

    /// <summary>
    /// It stopped answering heartbeats for <see cref="IpcSupervisionOptions.UnresponsiveTimeout"/> (its dispatcher was
    /// blocked, though its process ran), and supervision killed it (<see cref="IpcSupervisionOptions.RestartUnresponsive"/>).
    /// </summary>
    Hung,
}
