namespace Ipc;

/// <summary>
/// Supplies the instance that serves each call of a contract served with <c>Serve(IIpcServiceActivator&lt;TContract&gt;)</c>
/// (<c>main.PingPong().Serve(activator)</c>): a new instance per call from a dependency-injection scope, say, so that a
/// scoped service such as a database context lives exactly as long as the call.
/// Implementations are called on the dispatcher of the endpoint that serves the contract, one call at a time per endpoint, and need be thread-safe only when one activator serves several endpoints.
/// </summary>
/// <typeparam name="TContract">The contract interface.</typeparam>
/// <remarks>
/// An <see cref="Activate"/> that throws fails the call as a throwing member does: the endpoint's <c>Error</c> event
/// reports it, and the caller of a sync message or invocation gets an <see cref="IpcRemoteException"/>.
/// </remarks>
public interface IIpcServiceActivator<TContract>
    where TContract : class
{
    /// <summary>
    /// Called on the endpoint's dispatcher as each message, sync call or invocation arrives, with
    /// <see cref="IpcCallContext.Current"/> already set (to <paramref name="context"/>).
    /// </summary>
    /// <param name="context">The call to serve.</param>
    /// <returns>The instance that answers the call, and what to dispose once the call has ended.</returns>
    IpcServiceInstance<TContract> Activate(IpcCallContext context);
}
