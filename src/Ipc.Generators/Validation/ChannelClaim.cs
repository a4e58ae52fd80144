using System.Collections.Generic;
using Ipc.Generators.Model;

namespace Ipc.Generators.Validation;

/// <summary>A member's claim on a channel name, in a direction. Two claims on one name and direction clash (IPC1004).</summary>
/// <param name="Contract">The contract's fully qualified name.</param>
internal sealed record ChannelClaim(string Contract, string Member, string Channel, ContractDirection Direction)
{
    /// <summary>
    /// Every claim that repeats an earlier claim's channel name and direction, as its index in
    /// <paramref name="claims"/> with the index of the first claim on that name.
    /// </summary>
    public static List<(int Index, int FirstIndex)> FindClashes(IReadOnlyList<ChannelClaim> claims)
    {
        var firstClaims = new Dictionary<(string Channel, ContractDirection Direction), int>();
        var clashes = new List<(int Index, int FirstIndex)>();
        for (int i = 0; i < claims.Count; i++)
        {
            var key = (claims[i].Channel, claims[i].Direction);
            if (firstClaims.TryGetValue(key, out int first))
            {
                clashes.Add((i, first));
            }
            else
            {
                firstClaims.Add(key, i);
            }
        }

        return clashes;
    }
}
