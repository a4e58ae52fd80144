using System.ComponentModel;

namespace Ipc.CompilerServices;

/// <summary>
/// The generated code of one <see cref="IpcChannelAttribute"/> contract, reachable from code that knows the contract
/// only as a type parameter (a generic host's <c>AddIpcService&lt;TContract, TImplementation&gt;()</c>, say). The
/// generator registers one per contract with <see cref="IpcContracts.Register{TContract}"/>; find it with
/// <see cref="IpcContracts.Find{TContract}"/>. Generated code's door to the runtime; not meant for direct use.
/// Immutable once registered, so thread-safe.
/// </summary>
/// <typeparam name="TContract">The contract interface.</typeparam>
/// <remarks>
/// Each delegate calls the generated extension methods (<c>main.PingPong().Serve(activator)</c>,
/// <c>renderer.PingPong()</c>, …), so using a binding is using the generated code, with no reflection. The delegates of
/// the other direction are null.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class IpcContractBinding<TContract>
    where TContract : class
{
    /// <summary>Which side sends the contract's calls, as its <see cref="IpcChannelAttribute"/> says.</summary>
    public IpcDirection Direction { get; init; }

    /// <summary>
    /// Renderer → main: serves the contract on main (<c>main.PingPong().Serve(activator)</c>) and returns what undoes it.
    /// Null for a main → renderer contract, and for a contract with a member named <c>Serve</c> (its view has no
    /// <c>Serve</c> method).
    /// </summary>
    public Func<IpcMain, IIpcServiceActivator<TContract>, IDisposable>? ServeOnMain { get; init; }

    /// <summary>Renderer → main: a renderer's proxy whose calls go to main (<c>renderer.PingPong()</c>). Null for a main → renderer contract.</summary>
    public Func<IpcRenderer, TContract>? RendererProxy { get; init; }

    /// <summary>
    /// Main → renderer: serves the contract on a renderer (<c>renderer.PingPongReplies().Serve(activator)</c>) and returns
    /// what undoes it. Null for a renderer → main contract, and for a contract with a member named <c>Serve</c>.
    /// </summary>
    public Func<IpcRenderer, IIpcServiceActivator<TContract>, IDisposable>? ServeOnRenderer { get; init; }

    /// <summary>
    /// Main → renderer: main's view toward every connected renderer (<c>main.PingPongReplies()</c>). Null for a
    /// renderer → main contract, and for a contract with an awaitable member: its broadcast returns one result per
    /// renderer, so it does not implement the contract.
    /// </summary>
    public Func<IpcMain, TContract>? Broadcast { get; init; }

    /// <summary>Main → renderer: main's proxy to one renderer (<c>sender.PingPongReplies()</c>). Null for a renderer → main contract.</summary>
    public Func<IpcSender, TContract>? SenderProxy { get; init; }
}
