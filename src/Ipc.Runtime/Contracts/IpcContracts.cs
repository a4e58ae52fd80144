using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Ipc.CompilerServices;

/// <summary>
/// Where the generated code of each contract is found from the contract's type alone. Code that knows a contract only
/// as a type parameter (a generic host) cannot call <c>main.PingPong()</c>: extension methods are chosen at compile time.
/// So each contract's generated code registers an <see cref="IpcContractBinding{TContract}"/> here from a module
/// initializer. Generated code's door to the runtime; not meant for direct use.
/// Thread-safe.
/// </summary>
/// <remarks>
/// One static slot per contract type (<c>Slot&lt;TContract&gt;</c>) holds the binding: no dictionary, no lock, no
/// reflection, so lookups cost a static field read and stay trimming and native AOT safe.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class IpcContracts
{
    /// <summary>Registers the binding of <typeparamref name="TContract"/>, replacing any before it. Called by generated code.</summary>
    /// <typeparam name="TContract">The contract interface.</typeparam>
    /// <param name="binding">The contract's generated code.</param>
    /// <exception cref="ArgumentNullException"><paramref name="binding"/> is null.</exception>
    public static void Register<TContract>(IpcContractBinding<TContract> binding)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(binding);
        Volatile.Write(ref Slot<TContract>.Binding, binding);
    }

    /// <summary>
    /// The binding of <typeparamref name="TContract"/>, or null when <typeparamref name="TContract"/> has no generated
    /// code in a loaded assembly (it is not an <see cref="IpcChannelAttribute"/> contract, say).
    /// </summary>
    /// <typeparam name="TContract">The contract interface.</typeparam>
    /// <returns>The contract's generated code, or null.</returns>
    /// <remarks>
    /// Runs the module initializer of <typeparamref name="TContract"/>'s module first: the runtime runs it only before
    /// that module's code is first called, and naming a contract's type calls none of it, so its binding could
    /// otherwise be missing. The generated code is always in the contract's own module.
    /// </remarks>
    public static IpcContractBinding<TContract>? Find<TContract>()
        where TContract : class
    {
        if (Volatile.Read(ref Slot<TContract>.Binding) is { } binding)
        {
            return binding;
        }

        RuntimeHelpers.RunModuleConstructor(typeof(TContract).Module.ModuleHandle); // a no-op once it has run, and in native AOT
        return Volatile.Read(ref Slot<TContract>.Binding);
    }

    /// <summary>The binding of one contract: a static field per closed generic type.</summary>
    private static class Slot<TContract>
        where TContract : class
    {
        public static IpcContractBinding<TContract>? Binding;
    }
}
