using Ipc.Processes;

namespace Ipc.Supervision;

/// <summary>
/// Watches one connected instance until it ends, and says how: its process exited (by exit code, a crash or a clean
/// exit), its connection ended while its process ran on (given <see cref="RendererLauncher.ExitGrace"/> to exit, then
/// killed), or its heartbeat went unanswered (killed when <see cref="IpcSupervisionOptions.RestartUnresponsive"/>).
/// Whatever ended it, its connection is closed before this returns, so calls pending to or from it have failed.
/// </summary>
internal sealed class InstanceWatch(IpcSupervisionOptions options, ISupervisionSink sink)
{
    /// <summary>How long a killed process may take to be reaped before its exit code is given up on.</summary>
    internal static readonly TimeSpan KillWait = TimeSpan.FromSeconds(5);

    private readonly Heartbeat _heartbeat = new(options, sink);

    /// <summary>
    /// Waits for the instance to end. Returns null when <paramref name="stopping"/> was cancelled first: the instance is
    /// then left running, for the caller to stop. No timer or heartbeat of this instance is left once this returns.
    /// </summary>
    public async Task<IpcRendererExit?> WatchAsync(IpcSender renderer, IRendererProcess process, CancellationToken stopping)
    {
        TimeProvider time = options.TimeProvider;
        long connectedAt = time.GetTimestamp();
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Task hung = options.HeartbeatInterval == Timeout.InfiniteTimeSpan
            ? Task.Delay(Timeout.InfiniteTimeSpan, watching.Token)
            : _heartbeat.WatchAsync(renderer, watching.Token);
        Task stopped = Task.Delay(Timeout.InfiniteTimeSpan, watching.Token);
        try
        {
            Task first = await Task.WhenAny(process.Exited, renderer.Gone, hung, stopped).ConfigureAwait(false);
            if (stopping.IsCancellationRequested || sink.IsStopRequested)
            {
                return null;
            }

            if (first == hung && hung.IsCompletedSuccessfully)
            {
                process.Kill();
                renderer.Peer.Close();
                return Exit(IpcRendererExitReason.Hung, await ExitCodeWithinAsync(process, KillWait, CancellationToken.None).ConfigureAwait(false));
            }

            if (!process.Exited.IsCompleted)
            {
                // The connection ended and the process runs on: let it exit by itself (a renderer that disposed its
                // IpcRenderer and returns), else it is useless, and killed.
                int? code = await ExitCodeWithinAsync(process, RendererLauncher.ExitGrace, stopping).ConfigureAwait(false);
                if (stopping.IsCancellationRequested || sink.IsStopRequested)
                {
                    return null;
                }

                if (code is null)
                {
                    process.Kill();
                    return Exit(IpcRendererExitReason.Disconnected, await ExitCodeWithinAsync(process, KillWait, CancellationToken.None).ConfigureAwait(false));
                }
            }

            // The process exited. Its socket closes with it, unless a descendant holds it: close it here, so that calls
            // pending to or from it fail now, and never go to a process that supervision considers gone.
            renderer.Peer.Close();
            int exitCode = await process.Exited.ConfigureAwait(false);
            return Exit(exitCode == 0 ? IpcRendererExitReason.Exited : IpcRendererExitReason.Crashed, exitCode);
        }
        finally
        {
            await watching.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(hung, stopped).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // their timers are gone too
        }

        IpcRendererExit Exit(IpcRendererExitReason reason, int? exitCode) =>
            new(reason, renderer, process.Id, exitCode, time.GetElapsedTime(connectedAt), exception: null);
    }

    /// <summary>The exit code, once the process exits within <paramref name="wait"/>; null when it does not (or <paramref name="cancellationToken"/> ends the wait).</summary>
    internal async Task<int?> ExitCodeWithinAsync(IRendererProcess process, TimeSpan wait, CancellationToken cancellationToken)
    {
        try
        {
            return await process.Exited.WaitAsync(wait, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            return null;
        }
    }
}
