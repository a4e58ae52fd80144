using System.Diagnostics;

namespace Ipc.Supervision;

/// <summary>
/// The restart loop of one supervised renderer: start an instance, watch it until it ends (<see cref="InstanceWatch"/>),
/// ask the <see cref="RestartPolicy"/> whether and when to start the next, wait, and start again — until the policy gives
/// up, a clean exit is final (<see cref="IpcSupervisionOptions.RestartOnCleanExit"/>), or a stop is requested. Every
/// wait is on the options' <see cref="TimeProvider"/> or on an event of the instance, and every one ends on stop.
/// </summary>
internal sealed class SupervisionLoop(
    Func<IRendererStarter> starter,
    Func<ProcessStartInfo> startInfo,
    IpcSupervisionOptions options,
    ISupervisionSink sink)
{
    private readonly RestartPolicy _policy = new(options);
    private readonly InstanceWatch _watch = new(options, sink);

    /// <summary>
    /// Runs until supervision ends. <paramref name="stopping"/> ends it (the current instance is asked to exit, then
    /// killed after <see cref="IpcSupervisionOptions.ShutdownTimeout"/>); <paramref name="killing"/> kills at once.
    /// Never throws: how it ended is the result.
    /// </summary>
    public async Task<SupervisionOutcome> RunAsync(CancellationToken stopping, CancellationToken killing)
    {
        IpcRendererExit? last = null;
        var restart = new RestartDecision(Restart: true, Attempt: 0, Delay: TimeSpan.Zero);
        while (true)
        {
            RendererStart? start;
            IpcRendererExit? exit = null;
            try
            {
                ProcessStartInfo info = startInfo() ?? throw new InvalidOperationException("The startInfo function of SuperviseRenderer returned null.");
                start = await starter().StartAsync(info, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return Outcome(IpcSupervisionEndReason.Stopped, last);
            }
            catch (ObjectDisposedException) when (sink.IsStopRequested)
            {
                return Outcome(IpcSupervisionEndReason.Stopped, last); // main was disposed, which stops its supervisions first
            }
            catch (Exception e)
            {
                start = null;
                exit = new IpcRendererExit(IpcRendererExitReason.BootFailure, null, null, null, TimeSpan.Zero, e);
            }

            if (start is { Renderer: null })
            {
                exit = new IpcRendererExit(IpcRendererExitReason.BootFailure, null, start.Process.Id, start.ExitCodeBeforeConnecting, TimeSpan.Zero, null);
            }
            else if (start is { Renderer: { } renderer })
            {
                if (!sink.Connected(renderer, start.Process, last, restart))
                {
                    await StopInstanceAsync(renderer, start.Process, killing).ConfigureAwait(false);
                    return Outcome(IpcSupervisionEndReason.Stopped, last);
                }

                exit = await _watch.WatchAsync(renderer, start.Process, stopping).ConfigureAwait(false);
                if (exit is null)
                {
                    await StopInstanceAsync(renderer, start.Process, killing).ConfigureAwait(false);
                    return Outcome(IpcSupervisionEndReason.Stopped, last);
                }

                sink.Lost(exit);
            }

            Debug.Assert(exit is not null, "An instance that is not running has ended somehow.");
            last = exit;
            if (sink.IsStopRequested)
            {
                return Outcome(IpcSupervisionEndReason.Stopped, last);
            }

            if (exit.Reason == IpcRendererExitReason.Exited && !options.RestartOnCleanExit)
            {
                return Outcome(IpcSupervisionEndReason.RendererExited, last);
            }

            restart = _policy.Next(exit.Uptime);
            if (!restart.Restart)
            {
                return Outcome(IpcSupervisionEndReason.GaveUp, last);
            }

            sink.Restarting(exit, restart);
            try
            {
                await Task.Delay(restart.Delay, options.TimeProvider, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Outcome(IpcSupervisionEndReason.Stopped, last);
            }
        }
    }

    /// <summary>
    /// Stops an instance on request: closes its connection (a renderer exits when its main leaves), lets it exit within
    /// <see cref="IpcSupervisionOptions.ShutdownTimeout"/> unless <paramref name="killing"/> says not to wait, then kills it.
    /// Whatever its exit code, this is not a failure.
    /// </summary>
    private async Task StopInstanceAsync(IpcSender renderer, IRendererProcess process, CancellationToken killing)
    {
        renderer.Peer.Close();
        if (options.ShutdownTimeout > TimeSpan.Zero && await _watch.ExitCodeWithinAsync(process, options.ShutdownTimeout, killing).ConfigureAwait(false) is not null)
        {
            return;
        }

        process.Kill();
        await _watch.ExitCodeWithinAsync(process, InstanceWatch.KillWait, CancellationToken.None).ConfigureAwait(false);
    }

    private SupervisionOutcome Outcome(IpcSupervisionEndReason reason, IpcRendererExit? last) => new(reason, last, _policy.Total);
}

/// <summary>How a supervision loop ended.</summary>
internal sealed record SupervisionOutcome(IpcSupervisionEndReason Reason, IpcRendererExit? LastExit, int Restarts);
