namespace Ipc;

/// <summary>
/// What serves one call of a contract served with <c>Serve(IIpcServiceActivator&lt;TContract&gt;)</c>: the instance
/// whose member answers the call, and what to dispose once the call has ended (its DI scope, say).
/// Immutable.
/// </summary>
/// <typeparam name="TContract">The contract interface.</typeparam>
public readonly struct IpcServiceInstance<TContract>
    where TContract : class
{
    /// <summary>Describes the instance that serves one call.</summary>
    /// <param name="service">The instance whose member answers the call.</param>
    /// <param name="lifetime">
    /// Disposed once the call has ended (after a <c>void</c> or value-returning member returns or throws, after an
    /// awaitable member's task completes); null when nothing is to be disposed.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="service"/> is null.</exception>
    public IpcServiceInstance(TContract service, IAsyncDisposable? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        Service = service;
        Lifetime = lifetime;
    }

    /// <summary>The instance whose member answers the call; null only in a <c>default</c> value, which serves nothing.</summary>
    public TContract Service { get; }

    /// <summary>What is disposed once the call has ended; null when nothing is.</summary>
    public IAsyncDisposable? Lifetime { get; }
}
