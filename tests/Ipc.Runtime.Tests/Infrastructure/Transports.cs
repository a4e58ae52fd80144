namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>The transports every runtime semantic test runs against.</summary>
public enum TransportKind
{
    InProcess,

    /// <summary>The cross-process transport (a Unix domain socket; a named pipe on Windows), with the renderer in the test process.</summary>
    Socket,
}

/// <summary>Connects a renderer, living in the test process, to a main over a given transport.</summary>
public static class Transports
{
    /// <summary>Theory data: one row per transport.</summary>
    public static TheoryData<TransportKind> All => new() { TransportKind.InProcess, TransportKind.Socket };

    public static IpcRenderer Connect(IpcMain main, TransportKind transport, IpcRendererOptions? options = null) => transport switch
    {
        TransportKind.InProcess => main.ConnectInProcess(options),
        TransportKind.Socket => IpcRenderer.ConnectAsync(main.Listen(), options).GetAwaiter().GetResult(),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };
}
