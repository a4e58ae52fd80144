using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ipc.Hosting.Serving;

/// <summary>One <c>AddService</c>: serves its contract on an endpoint, returning what stops serving it.</summary>
/// <typeparam name="TEndpoint"><see cref="IpcMain"/> or <see cref="IpcRenderer"/>.</typeparam>
internal sealed class ServiceRegistration<TEndpoint>(Type contract, Func<TEndpoint, IServiceProvider, IDisposable> serve)
{
    public Type Contract { get; } = contract;

    /// <summary>
    /// The registration of <typeparamref name="TImplementation"/> serving <typeparamref name="TContract"/> through the
    /// generated <paramref name="serve"/>, an instance per call from a DI scope of its own; the implementation is added
    /// as a scoped service unless it is registered already. The same for main and renderers.
    /// </summary>
    public static ServiceRegistration<TEndpoint> Of<TContract, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>(
        IServiceCollection services,
        Func<TEndpoint, IIpcServiceActivator<TContract>, IDisposable> serve)
        where TContract : class
        where TImplementation : class, TContract
    {
        services.TryAddScoped<TImplementation>();
        return new ServiceRegistration<TEndpoint>(
            typeof(TContract),
            (endpoint, provider) => serve(endpoint, new ScopedServiceActivator<TContract, TImplementation>(provider.GetRequiredService<IServiceScopeFactory>())));
    }

    public IDisposable Serve(TEndpoint endpoint, IServiceProvider provider) => serve(endpoint, provider);
}
