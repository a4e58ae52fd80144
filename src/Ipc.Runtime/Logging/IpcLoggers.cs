using Microsoft.Extensions.Logging;

namespace Ipc.Logging;

/// <summary>
/// The loggers of one endpoint, one per component, so an application can set levels per category: the endpoint's
/// own lifecycle (<c>Ipc.IpcMain</c> or <c>Ipc.IpcRenderer</c>: renderers connected and gone, messages nobody
/// listened to), user code that threw (<see cref="ListenersCategory"/>), and trouble at the connection or protocol
/// level (<see cref="ConnectionsCategory"/>). Made from <see cref="IpcOptions.LoggerFactory"/> when it is set, else
/// all three are <see cref="IpcOptions.Logger"/>.
/// </summary>
internal sealed class IpcLoggers
{
    public const string MainCategory = "Ipc.IpcMain";
    public const string RendererCategory = "Ipc.IpcRenderer";
    public const string ListenersCategory = "Ipc.Listeners";
    public const string ConnectionsCategory = "Ipc.Connections";

    private IpcLoggers(ILogger? endpoint, ILogger? listeners, ILogger? connections)
    {
        Endpoint = endpoint;
        Listeners = listeners;
        Connections = connections;
    }

    /// <summary>The endpoint's lifecycle: connections made and ended, messages dropped for want of a listener.</summary>
    public ILogger? Endpoint { get; }

    /// <summary>Listeners and handlers that threw.</summary>
    public ILogger? Listeners { get; }

    /// <summary>Refused, malformed or broken connections.</summary>
    public ILogger? Connections { get; }

    /// <param name="options">The endpoint's options.</param>
    /// <param name="endpointCategory"><see cref="MainCategory"/> or <see cref="RendererCategory"/>.</param>
    public static IpcLoggers From(IpcOptions options, string endpointCategory) =>
        options.LoggerFactory is { } factory
            ? new IpcLoggers(factory.CreateLogger(endpointCategory), factory.CreateLogger(ListenersCategory), factory.CreateLogger(ConnectionsCategory))
            : new IpcLoggers(options.Logger, options.Logger, options.Logger);
}
