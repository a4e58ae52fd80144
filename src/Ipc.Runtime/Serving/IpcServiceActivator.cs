namespace Ipc;

/// <summary>Ready-made <see cref="IIpcServiceActivator{TContract}"/>s. Thread-safe.</summary>
public static class IpcServiceActivator
{
    /// <summary>The same instance for every call, with nothing to dispose: what <c>Serve(TContract implementation)</c> uses.</summary>
    /// <typeparam name="TContract">The contract interface.</typeparam>
    /// <param name="instance">The object whose members answer every call.</param>
    /// <returns>An activator that always supplies <paramref name="instance"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="instance"/> is null.</exception>
    public static IIpcServiceActivator<TContract> Of<TContract>(TContract instance)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new SingleInstance<TContract>(new IpcServiceInstance<TContract>(instance));
    }

    /// <summary>Hands out one prebuilt value, so serving a single instance allocates nothing per call.</summary>
    private sealed class SingleInstance<TContract>(IpcServiceInstance<TContract> instance) : IIpcServiceActivator<TContract>
        where TContract : class
    {
        public IpcServiceInstance<TContract> Activate(IpcCallContext context) => instance;
    }
}
