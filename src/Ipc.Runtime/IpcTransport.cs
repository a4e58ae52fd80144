namespace Ipc;

/// <summary>The local transports a main process can listen on (<see cref="IpcMainOptions.Transport"/>).</summary>
public enum IpcTransport
{
    /// <summary>A named pipe on Windows, a Unix domain socket elsewhere.</summary>
    Default,

    /// <summary>A Unix domain socket in a fresh directory that only the current OS user can enter (mode 0700).</summary>
    UnixDomainSocket,

    /// <summary>
    /// A named pipe that only the current OS user can open (<see cref="System.IO.Pipes.PipeOptions.CurrentUserOnly"/>).
    /// On Linux and macOS .NET implements it over a Unix domain socket in the temporary folder.
    /// </summary>
    NamedPipe,
}
