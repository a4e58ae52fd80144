using System.Diagnostics;
using Ipc.Protocol;
using Ipc.Telemetry;

namespace Ipc.Connection;

/// <summary>
/// Runs one invocation that the other end sent, in either direction: finds the handler, gives it a token
/// that a Cancel frame or the connection's end cancels, and answers through a <see cref="ReplySlot"/> with
/// the result, the error, or "cancelled" / "no handler".
/// </summary>
internal sealed class Invocation
{
    private static readonly Action<Task<object?>, object?> s_onCompleted = static (task, state) => ((Invocation)state!).Finish(task);

    private readonly Peer _peer;
    private readonly long _id;
    private readonly string _channel;
    private readonly ReplySlot _reply;
    private readonly CancellationTokenSource _cancellation;

    private Invocation(Peer peer, long id, string channel, CancellationTokenSource cancellation, CallTelemetry? telemetry)
    {
        _peer = peer;
        _id = id;
        _channel = channel;
        _reply = new ReplySlot(peer.Outbox, id, channel, telemetry);
        _cancellation = cancellation;
    }

    /// <summary>
    /// Runs on the endpoint's dispatcher. The handler starts inside the call's server span (child of
    /// <paramref name="remoteParent"/>), which its continuations keep; the dispatcher's thread gets its own
    /// current activity back once the handler has returned its task.
    /// </summary>
    public static void Start(Peer peer, long id, string channel, IpcArgs args, ActivityContext remoteParent)
    {
        CallTelemetry? telemetry = CallTelemetry.StartServer(peer.Telemetry, MessageKind.Invoke, channel, remoteParent);
        try
        {
            Start(peer, id, channel, args, telemetry);
        }
        finally
        {
            telemetry?.RestoreCurrent();
        }
    }

    private static void Start(Peer peer, long id, string channel, IpcArgs args, CallTelemetry? telemetry)
    {
        var invocation = new Invocation(peer, id, channel, peer.Invocations.Begin(id), telemetry);
        Task<object?>? task;
        try
        {
            task = peer.Endpoint.StartHandler(peer, channel, args, invocation._cancellation.Token);
            if (task is null)
            {
                peer.Invocations.End(id, invocation._cancellation);
                invocation._reply.TrySendStatus(ReplyStatus.NoHandler, $"No handler registered for '{channel}'.");
                return;
            }
        }
        catch (Exception error)
        {
            task = Task.FromException<object?>(error);
        }

        if (task.IsCompleted)
        {
            invocation.Finish(task);
        }
        else
        {
            task.ContinueWith(s_onCompleted, invocation, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private void Finish(Task<object?> task)
    {
        try
        {
            if (task.IsCompletedSuccessfully)
            {
                SendValue(task.Result);
                return;
            }

            Exception error = task.Exception?.InnerException ?? new TaskCanceledException(task);
            if (error is OperationCanceledException && _cancellation.IsCancellationRequested)
            {
                _reply.TrySendStatus(ReplyStatus.Cancelled, $"The handler for '{_channel}' was cancelled.");
                return;
            }

            IpcMetrics.ListenerFailed(_peer.Telemetry.Role, _channel, error);
            if (_peer.Endpoint.ReportsHandlerExceptions)
            {
                _peer.Endpoint.ReportError(new IpcErrorEventArgs(error, _channel, _peer.Sender));
            }

            _reply.TrySendError(error);
        }
        finally
        {
            _peer.Invocations.End(_id, _cancellation);
        }
    }

    private void SendValue(object? value)
    {
        try
        {
            if (value is TypedReply typed)
            {
                typed.TrySendThrough(_reply); // a generated adapter's result, written as its declared type
            }
            else
            {
                _reply.TrySendValue(value);
            }
        }
        catch (IpcException error)
        {
            // The handler returned normally but its result cannot travel: tell the caller that the reply failed, not
            // that the handler threw, instead of leaving it waiting.
            IpcException replyError = ReplyFailure(error);
            _peer.Endpoint.ReportError(new IpcErrorEventArgs(replyError, _channel, _peer.Sender));
            _reply.TrySendStatus(ReplyStatus.Refused, replyError.Message);
        }
    }

    private IpcException ReplyFailure(IpcException error) => error switch
    {
        IpcMessageTooLargeException tooLarge => new IpcMessageTooLargeException(
            $"The handler for '{_channel}' returned normally, but its reply is {tooLarge.Size} bytes, above the maximum of {tooLarge.Maximum} bytes (IpcOptions.MaxMessageSize); the reply was not sent.",
            _channel,
            tooLarge.Size,
            tooLarge.Maximum),
        IpcSerializationException => new IpcSerializationException(
            $"The handler for '{_channel}' returned normally, but its reply could not be sent: {error.Message}",
            _channel,
            error),
        _ => new IpcException($"The handler for '{_channel}' returned normally, but its reply could not be sent: {error.Message}", _channel, error),
    };
}
