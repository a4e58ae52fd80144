using System.Globalization;

namespace Ipc.Transport;

/// <summary>The renderer's side of opening a cross-process connection: connect, handshake, wrap the stream.</summary>
internal static class RendererConnector
{
    public static async Task<IpcRenderer> ConnectAsync(IpcEndpoint endpoint, long launchId, IpcRendererOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        IpcMain? sameProcessMain = endpoint.Main;
        options ??= sameProcessMain is null
            ? new IpcRendererOptions()
            : new IpcRendererOptions { Serializer = sameProcessMain.Serializer, MaxMessageSize = sameProcessMain.MaxMessageSize };

        Stream stream = await LocalServer.ConnectAsync(endpoint.Address, cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Handshake.Timeout);
            Handshake.WriteHello(stream, Environment.ProcessId, launchId, endpoint.Token);
            Handshake.Welcome welcome;
            try
            {
                welcome = await Handshake.ReadWelcomeAsync(stream, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new IpcConnectionRefusedException($"The main process at {endpoint.Address} did not answer the handshake within {Handshake.Timeout.TotalSeconds:0} seconds.");
            }
            catch (Exception e) when (e is EndOfStreamException or IOException)
            {
                throw new IpcConnectionRefusedException($"The main process at {endpoint.Address} closed the connection during the handshake.", e);
            }

            var connection = new StreamConnection(stream, options.MaxMessageSize, welcome.MainProcessId);
            return new IpcRenderer(connection, options, welcome.RendererId, deadlockGuard: sameProcessMain?.Dispatcher);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Connects to the main process that started this one, as described by the environment.</summary>
    public static Task<IpcRenderer> ConnectToParentAsync(IpcRendererOptions? options, CancellationToken cancellationToken)
    {
        IpcEndpoint endpoint = IpcEndpoint.FromEnvironment();
        string? launch = Environment.GetEnvironmentVariable(IpcEndpoint.LaunchIdVariable);
        long launchId = long.TryParse(launch, NumberStyles.None, CultureInfo.InvariantCulture, out long id) ? id : 0;
        return ConnectAsync(endpoint, launchId, options, cancellationToken);
    }
}
