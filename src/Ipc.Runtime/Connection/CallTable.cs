using System.Diagnostics;
using Ipc.Protocol;
using Ipc.Telemetry;
using Ipc.Transport;

namespace Ipc.Connection;

/// <summary>
/// The calls this end has sent and waits on (SendSync and invocations, in either direction), by id. One
/// timeout rule for all of them: a call's <see cref="Deadline"/> is fixed before its message is written,
/// and whatever ends the wait first — the reply, the deadline, the caller's token, the connection closing —
/// removes the call from the table and completes it once. An abandoned invocation tells the other end to
/// cancel its handler.
/// </summary>
/// <remarks>
/// Invariant, under <see cref="_calls"/>: a call is in the table exactly while its completion is pending and
/// nothing has claimed it; once <see cref="_closedBy"/> is set the table stays empty.
/// </remarks>
[DebuggerDisplay("Pending = {Count}, Closed = {_closedBy != null}")]
internal sealed class CallTable(Outbox outbox, string peerName, IpcConnection connection)
{
    private readonly Dictionary<long, PendingCall> _calls = new();
    private long _lastId;
    private IpcDisconnectedException? _closedBy;

    /// <summary>How many calls wait for a reply.</summary>
    public int Count
    {
        get
        {
            lock (_calls)
            {
                return _calls.Count;
            }
        }
    }

    /// <summary>Sends a SendSync and blocks the calling thread until its reply, the timeout or the connection's end.</summary>
    public T? CallSync<T>(string channel, object?[]? args, TimeSpan timeout)
    {
        CallTelemetry? telemetry = CallTelemetry.StartClient(outbox.Telemetry, MessageKind.SendSync, channel);
        try
        {
            T? value = WaitSync<T>(channel, args, null, timeout);
            telemetry?.Succeeded();
            return value;
        }
        catch (Exception e) when (telemetry is not null && telemetry.Failed(e))
        {
            throw; // never reached: Failed returns false, so the exception goes on untouched
        }
    }

    /// <summary>
    /// Sends a SendSync whose frame generated code built (<see cref="Outbox.BeginArguments"/>) and whose telemetry
    /// started before it, so that the frame carries the call's span; the frame is this table's from here on.
    /// </summary>
    public T? CallSync<T>(string channel, FrameBuilder frame, CallTelemetry? telemetry, TimeSpan timeout)
    {
        try
        {
            T? value = WaitSync<T>(channel, null, frame, timeout);
            telemetry?.Succeeded();
            return value;
        }
        catch (Exception e) when (telemetry is not null && telemetry.Failed(e))
        {
            throw; // never reached, as above
        }
    }

    /// <summary>
    /// Sends an invocation whose frame was built beforehand (<see cref="Outbox.BeginArguments"/>, <see cref="Outbox.BuildAround"/>),
    /// with its telemetry already started (and no longer current: the caller's thread went on); the frame is this table's from here on.
    /// </summary>
    public Task<T?> InvokeAsync<T>(MessageKind kind, string channel, FrameBuilder frame, CallTelemetry? telemetry, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task<T?> wait = WaitAsync<T>(kind, channel, null, frame, timeout, cancellationToken);
        return telemetry is null ? wait : ObserveAsync(wait, telemetry);
    }

    private static async Task<T?> ObserveAsync<T>(Task<T?> wait, CallTelemetry telemetry)
    {
        try
        {
            T? value = await wait.ConfigureAwait(false);
            telemetry.Succeeded();
            return value;
        }
        catch (Exception e) when (telemetry.Failed(e))
        {
            throw; // never reached, as above
        }
    }

    /// <summary>Sends an invocation and completes with its result; <paramref name="cancellationToken"/> ends the wait at once and cancels the remote handler.</summary>
    public Task<T?> InvokeAsync<T>(MessageKind kind, string channel, object?[]? args, TimeSpan timeout, CancellationToken cancellationToken) =>
        CallTelemetry.IsWanted(client: true) && !ChannelName.IsHeartbeat(channel)
            ? InvokeObservedAsync<T>(kind, channel, args, timeout, cancellationToken)
            : WaitAsync<T>(kind, channel, args, null, timeout, cancellationToken);

    /// <summary>
    /// An invocation with its telemetry. The span starts inside this async method, so that it is the current activity
    /// for the call (its frame carries it) but never for the caller after the call.
    /// </summary>
    private async Task<T?> InvokeObservedAsync<T>(MessageKind kind, string channel, object?[]? args, TimeSpan timeout, CancellationToken cancellationToken)
    {
        CallTelemetry? telemetry = CallTelemetry.StartClient(outbox.Telemetry, kind, channel);
        try
        {
            T? value = await WaitAsync<T>(kind, channel, args, null, timeout, cancellationToken).ConfigureAwait(false);
            telemetry?.Succeeded();
            return value;
        }
        catch (Exception e) when (telemetry is not null && telemetry.Failed(e))
        {
            throw; // never reached, as above
        }
    }

    private T? WaitSync<T>(string channel, object?[]? args, FrameBuilder? built, TimeSpan timeout)
    {
        PendingCall call = Start(MessageKind.SendSync, channel, args, built, timeout);
        Task<Frame> reply = call.Completion.Task;
        connection.ReadUntilReplied(reply, call.Deadline); // the caller reads its own reply when nobody else reads: one thread wake-up fewer
        bool ended;
        try
        {
            ended = reply.IsCompleted || reply.Wait(call.Deadline.Remaining);
        }
        catch (AggregateException)
        {
            ended = true; // rethrown unwrapped below
        }

        if (!ended)
        {
            Expire(call);
        }

        return ReplyReader.Read<T>(reply.GetAwaiter().GetResult(), channel, outbox.Serializer, MessageKind.SendSync);
    }

    private async Task<T?> WaitAsync<T>(MessageKind kind, string channel, object?[]? args, FrameBuilder? built, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            built?.Return();
            cancellationToken.ThrowIfCancellationRequested();
        }

        PendingCall call = Start(kind, channel, args, built, timeout);
        connection.OnReplyAwaited();
        using CancellationTokenRegistration registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (state, token) => ((Cancellation)state!).Run(token), new Cancellation(this, call))
            : default;
        Task<Frame> reply = call.Completion.Task;
        if (!call.Deadline.IsInfinite)
        {
            try
            {
                await reply.WaitAsync(call.Deadline.Remaining).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Expire(call);
            }
        }

        Frame frame = await reply.ConfigureAwait(false);
        return ReplyReader.Read<T>(frame, channel, outbox.Serializer, kind);
    }

    /// <summary>Completes the call a Reply frame answers; a reply for a call that ended meanwhile is dropped.</summary>
    public void Complete(Frame reply)
    {
        PendingCall? call;
        lock (_calls)
        {
            if (!_calls.Remove(reply.Id, out call))
            {
                reply.Source.Return(); // timed out or cancelled meanwhile: nobody will read it
                return;
            }
        }

        Debug.Assert(call.Id == reply.Id, "A reply completes the call with its id.");
        call.Completion.TrySetResult(reply);
    }

    /// <summary>Fails every waiting call, and every later one, with a disconnection error.</summary>
    public void Close(Exception? cause)
    {
        PendingCall[] calls;
        lock (_calls)
        {
            _closedBy ??= new IpcDisconnectedException($"The connection to {peerName} is closed.", cause);
            calls = [.. _calls.Values];
            _calls.Clear();
        }

        foreach (PendingCall call in calls)
        {
            call.Completion.TrySetException(new IpcDisconnectedException($"The connection to {peerName} closed before '{call.Channel}' was answered.", call.Channel, cause));
        }
    }

    /// <summary>
    /// Registers a call and writes its message: <paramref name="args"/> serialised now, or the frame generated code
    /// <paramref name="built"/> (returned here, whatever happens), given the call's id. Nothing stays registered if
    /// writing fails or runs out of time.
    /// </summary>
    private PendingCall Start(MessageKind kind, string channel, object?[]? args, FrameBuilder? built, TimeSpan timeout)
    {
        var deadline = Deadline.After(timeout);
        PendingCall call;
        lock (_calls)
        {
            if (_closedBy is not null)
            {
                built?.Return();
                throw new IpcDisconnectedException($"Cannot call '{channel}': the connection to {peerName} is closed.", channel, _closedBy.InnerException);
            }

            call = new PendingCall(++_lastId, kind, channel, timeout, deadline);
            _calls.Add(call.Id, call);
            Debug.Assert(_closedBy is null || _calls.Count == 0, "A closed table stays empty.");
        }

        bool written;
        try
        {
            written = built is null ? outbox.SendCall(kind, call.Id, channel, args, deadline) : SendBuilt(built, kind, call.Id, deadline);
        }
        catch
        {
            Discard(call);
            throw;
        }

        if (!written)
        {
            Discard(call);
            IpcMetrics.TimedOut(outbox.Telemetry, channel);
            throw new IpcTimeoutException(channel, timeout);
        }

        return call;
    }

    private bool SendBuilt(FrameBuilder frame, MessageKind kind, long id, Deadline deadline)
    {
        try
        {
            frame.WriteIdAfterHeaderKind(id);
            return outbox.SendBuilt(frame, kind, deadline);
        }
        finally
        {
            frame.Return();
        }
    }

    /// <summary>
    /// Drops a call whose message never left. A <see cref="Close"/> on another thread may have claimed it first,
    /// and fails it just after (outside the table's lock): that failure is observed whenever it comes, since nobody
    /// will await the call's task.
    /// </summary>
    private void Discard(PendingCall call)
    {
        if (!Claim(call))
        {
            call.Completion.Task.ContinueWith(
                static task => _ = task.Exception,
                CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>The deadline passed: the call fails with <see cref="IpcTimeoutException"/> unless something ended it first.</summary>
    private void Expire(PendingCall call)
    {
        if (Claim(call))
        {
            IpcMetrics.TimedOut(outbox.Telemetry, call.Channel);
            call.Completion.TrySetException(new IpcTimeoutException(call.Channel, call.Timeout));
            CancelRemotely(call);
        }
    }

    private void Cancel(PendingCall call, CancellationToken token)
    {
        if (Claim(call))
        {
            call.Completion.TrySetCanceled(token);
            CancelRemotely(call);
        }
    }

    /// <summary>Takes the call out of the table; false when a reply, another ending or the connection's close took it first.</summary>
    private bool Claim(PendingCall call)
    {
        lock (_calls)
        {
            return _calls.Remove(call.Id);
        }
    }

    private void CancelRemotely(PendingCall call)
    {
        if (call.Kind != MessageKind.SendSync)
        {
            outbox.SendCancel(call.Id, call.Channel); // a sync listener has no token to cancel
        }
    }

    /// <summary>The state of a token registration, allocated only for calls that can be cancelled.</summary>
    private sealed class Cancellation(CallTable table, PendingCall call)
    {
        public void Run(CancellationToken token) => table.Cancel(call, token);
    }
}

/// <summary>One call waiting for its reply.</summary>
[DebuggerDisplay("{Kind} {Id} on {Channel}")]
internal sealed class PendingCall(long id, MessageKind kind, string channel, TimeSpan timeout, Deadline deadline)
{
    public long Id { get; } = id;

    public MessageKind Kind { get; } = kind;

    public string Channel { get; } = channel;

    /// <summary>The timeout the call was given, for its error message.</summary>
    public TimeSpan Timeout { get; } = timeout;

    public Deadline Deadline { get; } = deadline;

    public TaskCompletionSource<Frame> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
