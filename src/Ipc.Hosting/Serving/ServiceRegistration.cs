namespace Ipc.Hosting.Serving;

/// <summary>One <c>AddService</c>: serves its contract on an endpoint, returning what stops serving it.</summary>
/// <typeparam name="TEndpoint"><see cref="IpcMain"/> or <see cref="IpcRenderer"/>.</typeparam>
internal sealed class ServiceRegistration<TEndpoint>(Type contract, Func<TEndpoint, IServiceProvider, IDisposable> serve)
{
    public Type Contract { get; } = contract;

    public IDisposable Serve(TEndpoint endpoint, IServiceProvider provider) => serve(endpoint, provider);
}
