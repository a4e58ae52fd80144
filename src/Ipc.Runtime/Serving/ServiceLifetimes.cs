namespace Ipc.CompilerServices;

/// <summary>
/// Disposes what an <see cref="IIpcServiceActivator{TContract}"/> said to dispose once a served call has ended (its DI
/// scope, say). A disposal that fails is reported through the endpoint's <c>Error</c> event and log, never thrown: by
/// then the call has answered (or failed for its own reason), and a disposal must not replace that outcome.
/// </summary>
internal static class ServiceLifetimes
{
    /// <summary>
    /// Disposes the lifetime of a call that ended on the dispatcher's thread (a <c>void</c> or value-returning member,
    /// or an awaitable one whose task was already complete). Inline when <c>DisposeAsync</c> completes synchronously;
    /// otherwise awaited in the background, since blocking here would stall every call queued behind this one.
    /// </summary>
    public static void EndNow(IpcCallContext.Holder holder)
    {
        if (holder.Lifetime is not { } lifetime)
        {
            return;
        }

        ValueTask disposing;
        try
        {
            disposing = lifetime.DisposeAsync();
        }
        catch (Exception e)
        {
            holder.Call.Report(e);
            return;
        }

        if (disposing.IsCompleted)
        {
            Observe(disposing, holder.Call);
        }
        else
        {
            _ = ObserveAsync(disposing, holder.Call);
        }
    }

    /// <summary>Disposes the lifetime of a call that ended with its awaitable member's task; completes once disposed.</summary>
    public static Task EndAsync(IpcCallContext.Holder holder)
    {
        if (holder.Lifetime is not { } lifetime)
        {
            return Task.CompletedTask;
        }

        ValueTask disposing;
        try
        {
            disposing = lifetime.DisposeAsync();
        }
        catch (Exception e)
        {
            holder.Call.Report(e);
            return Task.CompletedTask;
        }

        if (disposing.IsCompleted)
        {
            Observe(disposing, holder.Call);
            return Task.CompletedTask;
        }

        return ObserveAsync(disposing, holder.Call);
    }

    private static void Observe(ValueTask completed, IpcCallContext call)
    {
        try
        {
            completed.GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            call.Report(e);
        }
    }

    private static async Task ObserveAsync(ValueTask disposing, IpcCallContext call)
    {
        try
        {
            await disposing.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            call.Report(e);
        }
    }
}
