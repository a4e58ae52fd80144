using System.Globalization;

namespace Ipc.Transport;

/// <summary>The renderer's side of opening a cross-process connection: connect, handshake, wrap the stream.</summary>
internal static class RendererConnector
{
    public static Task<IpcRenderer> ConnectAsync(IpcEndpoint endpoint, long launchId, Action<IpcRenderer>? configure, IpcRendererOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        cancellationToken.ThrowIfCancellationRequested();

        // The handshake blocks (see LocalServer); keep it off the caller's thread, which may be a UI thread.
        return Task.Run(() => Connect(endpoint, launchId, configure, options, cancellationToken), cancellationToken);
    }

    /// <summary>Connects to the main process that started this one, as described by the environment.</summary>
    public static Task<IpcRenderer> ConnectToParentAsync(Action<IpcRenderer>? configure, IpcRendererOptions? options, CancellationToken cancellationToken)
    {
        IpcEndpoint endpoint = IpcEndpoint.FromEnvironment();
        string? launch = Environment.GetEnvironmentVariable(IpcEndpoint.LaunchIdVariable);
        long launchId = long.TryParse(launch, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0;
        return ConnectAsync(endpoint, launchId, configure, options, cancellationToken);
    }

    /// <summary>Connects <paramref name="renderer"/>, whose connection ended, to the main process at <paramref name="endpoint"/>.</summary>
    public static Task ReconnectAsync(IpcRenderer renderer, IpcEndpoint endpoint, IpcRendererOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.Run(
            () =>
            {
                Stream stream = LocalServer.Connect(endpoint.Address, cancellationToken);
                (StreamConnection connection, Handshake.Welcome welcome) = Open(stream, endpoint, launchId: 0, options, cancellationToken);
                renderer.Attach(connection, welcome.RendererId, welcome.Agreed, deadlockGuard: endpoint.Main?.Dispatcher); // closes it if disposed meanwhile
            },
            cancellationToken);
    }

    private static IpcRenderer Connect(IpcEndpoint endpoint, long launchId, Action<IpcRenderer>? configure, IpcRendererOptions? options, CancellationToken cancellationToken) =>
        ConnectOver(LocalServer.Connect(endpoint.Address, cancellationToken), endpoint, launchId, configure, options, cancellationToken);

    /// <summary>Greets main over a connected <paramref name="stream"/> (owned from here on) and wraps it as a renderer.</summary>
    internal static IpcRenderer ConnectOver(Stream stream, IpcEndpoint endpoint, long launchId, Action<IpcRenderer>? configure, IpcRendererOptions? options, CancellationToken cancellationToken)
    {
        IpcMain? sameProcessMain = endpoint.Main;
        options ??= sameProcessMain is null
            ? new IpcRendererOptions()
            : new IpcRendererOptions { Serializer = sameProcessMain.Serializer, MaxMessageSize = sameProcessMain.MaxMessageSize };

        (StreamConnection connection, Handshake.Welcome welcome) = Open(stream, endpoint, launchId, options, cancellationToken);
        try
        {
            return IpcRenderer.Create(connection, options, welcome.RendererId, welcome.Agreed, deadlockGuard: sameProcessMain?.Dispatcher, configure);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Completes the handshake over <paramref name="stream"/>, connected to <paramref name="endpoint"/>; disposes it on failure.</summary>
    private static (StreamConnection Connection, Handshake.Welcome Welcome) Open(Stream stream, IpcEndpoint endpoint, long launchId, IpcRendererOptions options, CancellationToken cancellationToken)
    {
        try
        {
            Handshake.Welcome welcome = Greet(stream, endpoint, launchId, Handshake.Offered(options), cancellationToken);
            return (new StreamConnection(stream, options.MaxMessageSize, welcome.MainProcessId, Timeout.InfiniteTimeSpan, callersMayRead: true), welcome); // main is trusted (docs/security.md)
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Sends the Hello and reads main's answer, within <see cref="Handshake.Timeout"/>.</summary>
    private static Handshake.Welcome Greet(Stream stream, IpcEndpoint endpoint, long launchId, Handshake.Features offered, CancellationToken cancellationToken)
    {
        using var deadline = new HandshakeDeadline(stream, Handshake.Timeout, cancellationToken);
        try
        {
            Handshake.WriteHello(stream, Environment.ProcessId, launchId, endpoint.Token, offered);
            Handshake.Welcome welcome = Handshake.ReadWelcome(stream);
            if (deadline.TryComplete())
            {
                return welcome;
            }
        }
        catch (Exception e) when (!deadline.HasExpired && e is EndOfStreamException or IOException)
        {
            throw new IpcConnectionRefusedException($"The main process at {endpoint.Address} closed the connection during the handshake.", e);
        }
        catch (Exception) when (deadline.HasExpired)
        {
            // Reported below: the deadline closed the stream under the read.
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new IpcConnectionRefusedException($"The main process at {endpoint.Address} did not answer the handshake within {Handshake.Timeout.TotalSeconds:0} seconds.");
    }
}
