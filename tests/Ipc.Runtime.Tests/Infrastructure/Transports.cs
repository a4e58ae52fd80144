namespace Ipc.Runtime.Tests.Infrastructure;

/// <summary>The transports every runtime semantic test runs against.</summary>
public enum TransportKind
{
    InProcess,

    /// <summary>A Unix domain socket, with the renderer in the test process.</summary>
    Socket,

    /// <summary>A named pipe, the Windows transport; on Linux .NET implements it over a Unix domain socket, so the same code path runs here.</summary>
    NamedPipe,

    /// <summary>The WebSocket of <see cref="IpcMain.ListenWeb"/>, with a .NET renderer in the test process where a web page would be.</summary>
    WebSocket,
}

/// <summary>Connects a renderer, living in the test process, to a main over a given transport.</summary>
public static class Transports
{
    /// <summary>Theory data: one row per transport.</summary>
    public static TheoryData<TransportKind> All => new() { TransportKind.InProcess, TransportKind.Socket, TransportKind.NamedPipe, TransportKind.WebSocket };

    /// <summary>The main options a transport needs: the named pipe is chosen on main's side.</summary>
    public static IpcMainOptions MainOptionsFor(TransportKind transport, IpcMainOptions? options)
    {
        options ??= new IpcMainOptions();
        options.Transport = transport == TransportKind.NamedPipe ? IpcTransport.NamedPipe : IpcTransport.UnixDomainSocket;
        return options;
    }

    public static IpcRenderer Connect(IpcMain main, TransportKind transport, IpcRendererOptions? options = null, Action<IpcRenderer>? configure = null) => transport switch
    {
        TransportKind.InProcess => main.ConnectInProcess(configure, options),
        TransportKind.Socket or TransportKind.NamedPipe => (configure is null
            ? IpcRenderer.ConnectAsync(main.Listen(), options)
            : IpcRenderer.ConnectAsync(main.Listen(), configure, options)).GetAwaiter().GetResult(),
        TransportKind.WebSocket => WebSocketRenderers.Connect(main, options, configure),
        _ => throw new ArgumentOutOfRangeException(nameof(transport), transport, null),
    };
}
