using Ipc.Protocol;

namespace Ipc.Supervision;

/// <summary>
/// The liveness check of one connected instance: every <see cref="IpcSupervisionOptions.HeartbeatInterval"/> main
/// invokes <see cref="ChannelName.Heartbeat"/>, which the renderer answers on its dispatcher, through the ordinary call
/// machinery (no frame kind of its own, so a renderer of any version answers: an old one with "no handler", which its
/// dispatcher sends as well). No answer within <see cref="IpcSupervisionOptions.UnresponsiveTimeout"/> makes the
/// renderer unresponsive. Time comes from the options' <see cref="TimeProvider"/> alone; the call itself has no
/// timeout of its own, so a late answer is still seen (and reported as <see cref="ISupervisionSink.Responsive"/>).
/// </summary>
internal sealed class Heartbeat(IpcSupervisionOptions options, ISupervisionSink sink)
{
    /// <summary>
    /// Checks <paramref name="renderer"/> until <paramref name="cancellationToken"/> is cancelled, which ends the task as
    /// cancelled; completes (with no error) only when the renderer is unresponsive and is to be killed
    /// (<see cref="IpcSupervisionOptions.RestartUnresponsive"/>). Once the connection has ended it just waits to be cancelled.
    /// </summary>
    public async Task WatchAsync(IpcSender renderer, CancellationToken cancellationToken)
    {
        TimeProvider time = options.TimeProvider;
        while (true)
        {
            await Task.Delay(options.HeartbeatInterval, time, cancellationToken).ConfigureAwait(false);
            long sent = time.GetTimestamp();
            Task<bool> answer = AskAsync(renderer, cancellationToken);
            try
            {
                if (!await answer.WaitAsync(options.UnresponsiveTimeout, time, cancellationToken).ConfigureAwait(false))
                {
                    break; // the connection ended: the instance's watch sees that
                }

                continue;
            }
            catch (TimeoutException)
            {
                // Unanswered in time; the call itself goes on.
            }

            sink.Unresponsive(new IpcRendererUnresponsiveEventArgs(renderer, options.UnresponsiveTimeout, options.RestartUnresponsive));
            if (options.RestartUnresponsive)
            {
                return;
            }

            if (!await answer.ConfigureAwait(false))
            {
                break;
            }

            sink.Responsive(new IpcRendererResponsiveEventArgs(renderer, time.GetElapsedTime(sent)));
        }

        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One heartbeat: true once the renderer's dispatcher answered, false when the connection ended first.</summary>
    private static async Task<bool> AskAsync(IpcSender renderer, CancellationToken cancellationToken)
    {
        try
        {
            await renderer.Peer.Calls.InvokeAsync<object>(MessageKind.Invoke, ChannelName.Heartbeat, null, Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        }
        catch (IpcDisconnectedException)
        {
            return false;
        }
        catch (IpcException)
        {
            // "No handler" from a renderer older than the heartbeat, or any other answer: its dispatcher answered.
        }

        return true;
    }
}
