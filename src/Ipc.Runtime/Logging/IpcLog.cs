using Microsoft.Extensions.Logging;

namespace Ipc.Logging;

/// <summary>
/// Every log line IpcGen writes, source-generated so logging allocates nothing when the level is off. Event ids 18 to 21
/// belong to IpcGen.Hosting's reconnection (Ipc.Hosting.Renderer.MainReconnection), so that ids stay unique across both.
/// </summary>
internal static partial class IpcLog
{
    /// <summary>Logs a reported error: user code that threw at Error, trouble at the protocol or connection level at Warning.</summary>
    public static void Reported(IpcLoggers loggers, IpcErrorEventArgs error)
    {
        bool fromUserCode = error.Exception is not IpcException;
        if ((fromUserCode ? loggers.Listeners : loggers.Connections) is not { } logger)
        {
            return;
        }

        string channel = error.Channel ?? "(none)";
        string renderer = error.Sender?.ToString() ?? "(none)";
        if (fromUserCode)
        {
            UserCodeThrew(logger, channel, renderer, error.Exception);
        }
        else
        {
            ConnectionProblem(logger, channel, renderer, error.Exception);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A listener or handler on '{Channel}' threw (renderer: {Renderer}).")]
    private static partial void UserCodeThrew(ILogger logger, string channel, string renderer, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "IPC problem on '{Channel}' (renderer: {Renderer}).")]
    private static partial void ConnectionProblem(ILogger logger, string channel, string renderer, Exception exception);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "{Renderer} connected.")]
    public static partial void RendererConnected(ILogger logger, IpcSender renderer);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Renderer} is gone (exit code: {ExitCode}).")]
    public static partial void RendererGone(ILogger logger, IpcSender renderer, int? exitCode);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Connected to the main process as renderer {RendererId}.")]
    public static partial void ConnectedToMain(ILogger logger, int rendererId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "The connection to the main process closed.")]
    public static partial void DisconnectedFromMain(ILogger logger);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "A message on '{Channel}' from {Sender} was dropped: the channel has no listener. Register listeners before messages arrive (the configure callback of ConnectToParentAsync / ConnectAsync / ConnectInProcess on a renderer). Later drops on this channel are logged at Debug level.")]
    public static partial void NoListenerFirst(ILogger logger, string channel, string sender);

    [LoggerMessage(EventId = 8, Level = LogLevel.Debug, Message = "A message on '{Channel}' from {Sender} was dropped: the channel has no listener.")]
    public static partial void NoListener(ILogger logger, string channel, string sender);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Supervised renderer ended ({Exit}); restarting in {Delay} (attempt {Attempt}).")]
    public static partial void SupervisedRestarting(ILogger logger, IpcRendererExit exit, TimeSpan delay, int attempt);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Supervised renderer restarted as {Renderer}.")]
    public static partial void SupervisedRestarted(ILogger logger, IpcSender renderer);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "{Renderer} has not answered its heartbeat for {Waited}: unresponsive{Action}.")]
    public static partial void SupervisedUnresponsive(ILogger logger, IpcSender renderer, TimeSpan waited, string action);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "{Renderer} answered its heartbeat again after {Waited}.")]
    public static partial void SupervisedResponsive(ILogger logger, IpcSender renderer, TimeSpan waited);

    [LoggerMessage(EventId = 13, Level = LogLevel.Error, Message = "Supervision of a renderer gave up after {Restarts} restarts: the last instance ended ({Exit}) with the crash budget spent.")]
    public static partial void SupervisionGaveUp(ILogger logger, int restarts, IpcRendererExit? exit);

    [LoggerMessage(EventId = 14, Level = LogLevel.Information, Message = "Supervision of a renderer ended: {Reason} ({Exit}).")]
    public static partial void SupervisionEnded(ILogger logger, IpcSupervisionEndReason reason, IpcRendererExit? exit);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "Disposing: messages already received had not all run after {Seconds} s (IpcOptions.DrainTimeout); the rest are dropped.")]
    public static partial void DrainLeftMessages(ILogger logger, double seconds);

    [LoggerMessage(EventId = 16, Level = LogLevel.Warning, Message = "Disposing: {Count} handler(s) invoked by {Peer} had not finished after {Seconds} s (IpcOptions.DrainTimeout); they are abandoned, their CancellationToken cancelled, and their callers see the connection close.")]
    public static partial void DrainAbandonedHandlers(ILogger logger, int count, string peer, double seconds);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Disposing: {Bytes} bytes of messages for {Peer} were not written after {Seconds} s (IpcOptions.DrainTimeout); they are dropped.")]
    public static partial void DrainDroppedBytes(ILogger logger, long bytes, string peer, double seconds);
}
