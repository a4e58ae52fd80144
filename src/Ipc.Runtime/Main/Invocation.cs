using Ipc.Protocol;

namespace Ipc.Main;

/// <summary>One call of an invoke handler, from the dispatcher's turn that starts it to the reply.</summary>
internal sealed class Invocation
{
    private static readonly Action<Task<object?>, object?> s_onCompleted = static (task, state) => ((Invocation)state!).Finish(task);

    private readonly RendererLink _link;
    private readonly long _id;
    private readonly string _channel;
    private readonly CancellationTokenSource _cancellation;

    private Invocation(RendererLink link, long id, string channel, CancellationTokenSource cancellation)
    {
        _link = link;
        _id = id;
        _channel = channel;
        _cancellation = cancellation;
    }

    public static void Start(RendererLink link, long id, string channel, IpcArgs args)
    {
        IpcMainHandler? handler = link.Main.Handlers.Take(channel);
        if (handler is null)
        {
            link.Outbox.SendStatusReply(id, channel, ReplyStatus.NoHandler, $"No handler registered for '{channel}'.");
            return;
        }

        var invocation = new Invocation(link, id, channel, link.BeginInvocation(id));
        Task<object?> task;
        try
        {
            task = handler(new IpcMainInvokeEvent(link, channel, invocation._cancellation.Token), args)
                ?? Task.FromException<object?>(new InvalidOperationException($"The handler for '{channel}' returned a null Task."));
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
            }
            else if (task.IsCanceled && _cancellation.IsCancellationRequested)
            {
                _link.Outbox.SendStatusReply(_id, _channel, ReplyStatus.Cancelled, $"The handler for '{_channel}' was cancelled.");
            }
            else
            {
                Exception error = task.Exception?.InnerException ?? new TaskCanceledException(task);
                if (error is OperationCanceledException && _cancellation.IsCancellationRequested)
                {
                    _link.Outbox.SendStatusReply(_id, _channel, ReplyStatus.Cancelled, $"The handler for '{_channel}' was cancelled.");
                }
                else
                {
                    _link.Main.RaiseError(new IpcErrorEventArgs(error, _channel, _link.Sender));
                    _link.Outbox.SendErrorReply(_id, _channel, error);
                }
            }
        }
        finally
        {
            _link.EndInvocation(_id, _cancellation);
        }
    }

    private void SendValue(object? value)
    {
        FrameBuilder reply;
        try
        {
            reply = _link.Outbox.BuildValueReply(_id, _channel, value);
        }
        catch (IpcException error)
        {
            // The result cannot travel: say so to the caller instead of leaving it waiting.
            _link.Main.RaiseError(new IpcErrorEventArgs(error, _channel, _link.Sender));
            _link.Outbox.SendErrorReply(_id, _channel, error);
            return;
        }

        _link.Outbox.SendBuilt(reply);
    }
}
