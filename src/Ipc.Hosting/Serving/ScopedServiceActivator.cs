using Microsoft.Extensions.DependencyInjection;

namespace Ipc.Hosting.Serving;

/// <summary>
/// Serves each call with an instance of <typeparamref name="TImplementation"/> from a DI scope of its own, disposed
/// once the call has ended: a scoped dependency (a <c>DbContext</c>) lives exactly as long as one call.
/// </summary>
internal sealed class ScopedServiceActivator<TContract, TImplementation>(IServiceScopeFactory scopes) : IIpcServiceActivator<TContract>
    where TContract : class
    where TImplementation : class, TContract
{
    public IpcServiceInstance<TContract> Activate(IpcCallContext context)
    {
        AsyncServiceScope scope = scopes.CreateAsyncScope();
        try
        {
            return new IpcServiceInstance<TContract>(scope.ServiceProvider.GetRequiredService<TImplementation>(), scope);
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }
}
