using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ipc.Hosting.Renderer;

/// <summary>
/// Brings a hosted renderer back to main after its connection ended (<see cref="IpcMainDisconnectedAction.Reconnect"/>):
/// attempts after a growing delay, each bounded, and the host stopped when none succeeds. The renderer itself is kept
/// (<see cref="IpcRenderer.ReconnectAsync"/>), so its served contracts are in place before the new main's first message
/// and the proxies injected from it send over the new connection.
/// </summary>
internal sealed partial class MainReconnection(IpcRenderer renderer, IpcRendererHostingOptions options, IHostApplicationLifetime lifetime, ILogger logger)
{
    /// <summary>The bound on one attempt: a named pipe's client waits for a server, and a main that is gone never comes.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs the attempts; never throws. The host's stopping ends it quietly.</summary>
    public async Task RunAsync()
    {
        CancellationToken stopping = lifetime.ApplicationStopping;
        IpcReconnectPolicy policy = options.Reconnect;
        Lost(logger, policy.MaxAttempts);
        Exception? last = null;
        for (int attempt = 1; attempt <= policy.MaxAttempts; attempt++)
        {
            try
            {
                await Task.Delay(policy.DelayBefore(attempt), policy.TimeProvider, stopping).ConfigureAwait(false);
                using var bounded = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                bounded.CancelAfter(AttemptTimeout);
                await renderer.ReconnectAsync(options.CurrentEndpoint()!, bounded.Token).ConfigureAwait(false);
                Reconnected(logger, attempt, renderer.Id);
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return; // the host stopped meanwhile and closed the renderer
            }
            catch (Exception e)
            {
                last = e;
                AttemptFailed(logger, attempt, policy.MaxAttempts, e.Message);
            }
        }

        GaveUp(logger, last, policy.MaxAttempts);
        lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 18, Level = LogLevel.Warning, Message = "The connection to the main process ended; reconnecting (at most {Attempts} attempts).")]
    private static partial void Lost(ILogger logger, int attempts);

    [LoggerMessage(EventId = 19, Level = LogLevel.Information, Message = "Reconnected to the main process at attempt {Attempt}, as renderer {Id}.")]
    private static partial void Reconnected(ILogger logger, int attempt, int id);

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Reconnection attempt {Attempt} of {Attempts} failed: {Reason}")]
    private static partial void AttemptFailed(ILogger logger, int attempt, int attempts, string reason);

    [LoggerMessage(EventId = 21, Level = LogLevel.Error, Message = "Could not reconnect to the main process in {Attempts} attempts; stopping the host.")]
    private static partial void GaveUp(ILogger logger, Exception? error, int attempts);
}
