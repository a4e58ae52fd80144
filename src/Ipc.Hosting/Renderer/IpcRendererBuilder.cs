using System.Diagnostics.CodeAnalysis;
using Ipc.Hosting.Renderer;
using Ipc.Hosting.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ipc.Hosting;

/// <summary>Adds to a hosted IpcGen renderer (<c>services.AddIpcRenderer()</c>) the services it serves and the proxies it injects. Used while the host is being built, on one thread; not thread-safe.</summary>
public sealed class IpcRendererBuilder
{
    internal IpcRendererBuilder(IServiceCollection services) => Services = services;

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    internal RendererRegistrations Registrations { get; } = new();

    /// <summary>
    /// Serves the main-to-renderer contract <typeparamref name="TContract"/> with <typeparamref name="TImplementation"/>,
    /// registered before the first message from main is delivered; each message or invocation gets an instance
    /// resolved in a DI scope of its own, disposed once the call has ended. The implementation is added as a scoped
    /// service unless it is registered already.
    /// </summary>
    /// <typeparam name="TContract">An <c>[IpcChannel]</c> interface of direction main-to-renderer.</typeparam>
    /// <typeparam name="TImplementation">The class that implements it.</typeparam>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The contract has no generated code, or is a renderer-to-main contract.</exception>
    public IpcRendererBuilder AddService<TContract, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TImplementation>()
        where TContract : class
        where TImplementation : class, TContract
    {
        var serve = ContractBindings.Require<TContract, Func<IpcRenderer, IIpcServiceActivator<TContract>, IDisposable>>(b => b.ServeOnRenderer, "served on a renderer", IpcDirection.MainToRenderer, ContractBindings.NoServe);
        Registrations.Services.Add(ServiceRegistration<IpcRenderer>.Of<TContract, TImplementation>(Services, serve));
        return this;
    }

    /// <summary>
    /// Makes the renderer-to-main contract <typeparamref name="TContract"/> injectable: it resolves to the generated
    /// proxy, whose calls go to main (<c>IPingPong</c> → <c>renderer.PingPong()</c>). Resolving it connects the
    /// renderer if it is not yet.
    /// </summary>
    /// <typeparam name="TContract">An <c>[IpcChannel]</c> interface of direction renderer-to-main.</typeparam>
    /// <returns>This builder.</returns>
    /// <exception cref="InvalidOperationException">The contract has no generated code, or is a main-to-renderer contract.</exception>
    public IpcRendererBuilder AddProxy<TContract>()
        where TContract : class
    {
        var proxy = ContractBindings.Require<TContract, Func<IpcRenderer, TContract>>(b => b.RendererProxy, "injected as a renderer's proxy to main", IpcDirection.RendererToMain, "it has no generated proxy.");
        Services.TryAddSingleton(provider => proxy(provider.GetRequiredService<IpcRenderer>()));
        return this;
    }
}
