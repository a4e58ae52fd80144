using System.Security.Cryptography;

namespace Ipc.Transport;

/// <summary>
/// Main's listening side: accepts OS connections, runs each one's handshake on its own task (so a slow or
/// silent client never delays the others), and adds the accepted renderers to <see cref="IpcMain"/>.
/// A refused client is reported on main's <see cref="IpcMain.Error"/> and touches nothing else.
/// </summary>
internal sealed class RendererServer : IDisposable
{
    private readonly IpcMain _main;
    private readonly LocalServer _listener;
    private readonly Action<long, IpcSender> _onConnected;
    private readonly CancellationTokenSource _stopping = new();

    /// <param name="main">Where accepted renderers are added.</param>
    /// <param name="onConnected">Told of each accepted renderer with the launch id it presented (0 when none).</param>
    public RendererServer(IpcMain main, Action<long, IpcSender> onConnected)
    {
        _main = main;
        _onConnected = onConnected;
        _listener = LocalServer.Create();
        Endpoint = new IpcEndpoint(_listener.Address, RandomNumberGenerator.GetHexString(64, lowercase: true), main);
        _ = AcceptLoopAsync();
    }

    public IpcEndpoint Endpoint { get; }

    public void Dispose()
    {
        _stopping.Cancel();
        _listener.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Stream stream;
            try
            {
                stream = await _listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _main.RaiseErrorOnDispatcher(new IpcErrorEventArgs(new IpcException($"Accepting a renderer connection failed: {e.Message}", e), null, null));
                await Task.Delay(100).ConfigureAwait(false); // e.g. out of file descriptors: do not spin
                continue;
            }

            _ = AcceptRendererAsync(stream);
        }
    }

    private async Task AcceptRendererAsync(Stream stream)
    {
        Handshake.Hello hello;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
        {
            timeout.CancelAfter(Handshake.Timeout);
            try
            {
                hello = await Handshake.ReadHelloAsync(stream, Endpoint.Token, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Refuse(stream, e);
                return;
            }
        }

        int id = _main.ReserveRendererId();
        IpcSender sender;
        try
        {
            // The welcome goes out before the link exists, so it is the first frame the renderer reads.
            Handshake.WriteWelcome(stream, id, Environment.ProcessId);
            sender = _main.AddRenderer(new StreamConnection(stream, _main.MaxMessageSize, hello.ProcessId), id).Sender;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            stream.Dispose(); // the client left during the handshake, or main is shutting down
            return;
        }

        _onConnected(hello.LaunchId, sender);
    }

    private void Refuse(Stream stream, Exception error)
    {
        if (_stopping.IsCancellationRequested)
        {
            stream.Dispose();
            return;
        }

        string reason = error switch
        {
            IpcConnectionRefusedException => error.Message,
            OperationCanceledException => $"no handshake within {Handshake.Timeout.TotalSeconds:0} seconds.",
            EndOfStreamException or IOException => "the client disconnected during the handshake.",
            _ => $"a malformed handshake: {error.Message}",
        };
        try
        {
            Handshake.WriteRefusal(stream, reason);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The client has gone already; the refusal is still reported below.
        }

        stream.Dispose();
        _main.RaiseErrorOnDispatcher(new IpcErrorEventArgs(new IpcConnectionRefusedException($"A renderer connection was refused: {reason}", error), null, null));
    }
}
