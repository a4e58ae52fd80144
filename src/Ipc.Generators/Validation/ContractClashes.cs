using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Validation;

/// <summary>Finds contracts that cannot get code because of another contract in the same compilation.</summary>
internal static class ContractClashes
{
    /// <summary>
    /// The contracts (by <see cref="ContractModel.InterfaceType"/>, ordinal-sorted) that share a channel name and
    /// direction with another contract (IPC1004), or would generate a file of the same name.
    /// </summary>
    public static EquatableArray<string> Find(ImmutableArray<ContractModel> contracts)
    {
        var clashing = new SortedSet<string>(StringComparer.Ordinal);
        var claims = new List<ChannelClaim>();
        foreach (ContractModel contract in contracts)
        {
            foreach (MemberModel member in contract.Members)
            {
                claims.Add(new ChannelClaim(contract.InterfaceType, member.Name, member.ChannelName, contract.Direction));
            }
        }

        foreach ((int index, int firstIndex) in ChannelClaim.FindClashes(claims))
        {
            clashing.Add(claims[index].Contract);
            clashing.Add(claims[firstIndex].Contract);
        }

        foreach (IGrouping<string, ContractModel> sameFile in contracts.GroupBy(static c => c.Names.HintName, StringComparer.Ordinal))
        {
            if (sameFile.Count() > 1)
            {
                clashing.UnionWith(sameFile.Select(static c => c.InterfaceType));
            }
        }

        return clashing.ToEquatableArray();
    }
}
