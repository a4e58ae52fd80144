using Ipc.CompilerServices;

namespace Ipc.Hosting.Serving;

/// <summary>Finds the generated code of a contract the host knows only as a type parameter, with a clear error when it has none.</summary>
internal static class ContractBindings
{
    /// <summary>The part of <typeparamref name="TContract"/>'s generated code that <paramref name="select"/> picks.</summary>
    /// <param name="select">The part wanted.</param>
    /// <param name="use">What the caller wants it for, for the error: "served on main", "injected as a renderer's proxy"…</param>
    /// <param name="direction">The direction of the contracts that have that part.</param>
    /// <param name="whenMissing">Why a contract of that direction can lack the part.</param>
    /// <exception cref="InvalidOperationException">The contract has no generated code, is of the other direction, or lacks that part.</exception>
    public static T Require<TContract, T>(Func<IpcContractBinding<TContract>, T?> select, string use, IpcDirection direction, string whenMissing)
        where TContract : class
        where T : class
    {
        IpcContractBinding<TContract> binding = IpcContracts.Find<TContract>()
            ?? throw new InvalidOperationException(
                $"{typeof(TContract)} cannot be {use}: it has no IpcGen generated code. Mark it [IpcChannel] in a project that references the IpcGen package (which runs the generator).");
        if (binding.Direction != direction)
        {
            throw new InvalidOperationException(
                $"{typeof(TContract)} cannot be {use}: it is a {binding.Direction} contract. Renderer-to-main contracts are served on main and proxied on renderers; main-to-renderer contracts are served on renderers and broadcast from main.");
        }

        return select(binding) ?? throw new InvalidOperationException($"{typeof(TContract)} cannot be {use}: {whenMissing}");
    }

    /// <summary>Why a contract of the right direction has no Serve.</summary>
    public const string NoServe = "its generated view has no Serve method, because one of its members is named Serve. Rename that member, or register its channels by hand.";
}
