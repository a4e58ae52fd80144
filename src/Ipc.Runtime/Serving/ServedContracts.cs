using System.Runtime.CompilerServices;

namespace Ipc.CompilerServices;

/// <summary>
/// Which contracts each endpoint serves, so that a second <c>Serve</c> of a contract fails with a message about the
/// contract. A contract of messages only would otherwise be served twice without a word (listeners may repeat), and a
/// contract with an invocation would fail on a channel's second handler, which says nothing of the contract.
/// </summary>
internal static class ServedContracts
{
    // Keyed by the endpoint without keeping it alive: a disposed and collected endpoint takes its entry along.
    private static readonly ConditionalWeakTable<object, HashSet<Type>> s_byEndpoint = new();

    /// <exception cref="InvalidOperationException"><paramref name="contract"/> is already served on <paramref name="endpoint"/>.</exception>
    public static void Claim(object endpoint, Type contract, string endpointDescription)
    {
        HashSet<Type> served = s_byEndpoint.GetValue(endpoint, static _ => []);
        lock (served)
        {
            if (!served.Add(contract))
            {
                throw new InvalidOperationException(
                    $"The contract {contract.FullName} is already served on this {endpointDescription}. Dispose what the first Serve returned before serving it again.");
            }
        }
    }

    public static void Release(object endpoint, Type contract)
    {
        if (s_byEndpoint.TryGetValue(endpoint, out HashSet<Type>? served))
        {
            lock (served)
            {
                served.Remove(contract);
            }
        }
    }
}
