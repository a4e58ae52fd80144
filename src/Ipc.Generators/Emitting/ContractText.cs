using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting;

/// <summary>
/// The pieces of C# text that several generated type shapes spell the same way: names of generated types, a member's
/// parameter list, its prose reference and its carried documentation. Anything one shape alone needs lives in its writer.
/// </summary>
internal static class ContractText
{
    /// <summary>The fully qualified name of a generated namespace-level type.</summary>
    public static string Qualified(ContractModel contract, string typeName) =>
        contract.Namespace.Length == 0 ? $"global::{typeName}" : $"global::{contract.Namespace}.{typeName}";

    /// <summary>The fully qualified name of a member's channel class.</summary>
    public static string ChannelClass(ContractModel contract, MemberModel member) =>
        $"{Qualified(contract, contract.Names.ChannelsClass)}.{member.ChannelTypeName}";

    /// <summary>How generated docs refer to a contract member in prose: <c>IPingPong.Add</c>.</summary>
    public static string MemberReference(ContractModel contract, MemberModel member)
    {
        string interfaceName = contract.InterfaceType.Substring(contract.InterfaceType.LastIndexOf('.') + 1);
        if (interfaceName.StartsWith("global::", System.StringComparison.Ordinal))
        {
            interfaceName = interfaceName.Substring("global::".Length);
        }

        return $"<c>{interfaceName}.{member.Name.TrimStart('@')}</c>";
    }

    /// <summary>
    /// The parameter list of a contract member, as the sending side implements it. An implementation of the interface
    /// leaves defaults and <c>params</c> to the interface; a class called directly (<paramref name="withDefaults"/>)
    /// declares them, so calls that rely on them read as they do through the interface.
    /// </summary>
    public static string ParameterList(MemberModel member, bool withDefaults = false)
    {
        IEnumerable<string> parameters = member.Parameters.Select(p => !withDefaults ? $"{p.Type} {p.Name}"
            : $"{(p.IsParams ? "params " : string.Empty)}{p.Type} {p.Name}{(p.DefaultValue is null ? string.Empty : $" = {p.DefaultValue}")}");
        if (member.CancellationTokenName is { } token)
        {
            string optional = withDefaults && member.CancellationTokenIsOptional ? " = default" : string.Empty;
            parameters = parameters.Concat([$"global::System.Threading.CancellationToken {token}{optional}"]);
        }

        return string.Join(", ", parameters);
    }

    /// <summary>Writes a member's carried documentation, or <paramref name="fallbackSummary"/> when it has none.</summary>
    public static void WriteDocumentation(IndentedWriter writer, EquatableArray<string> documentation, string fallbackSummary)
    {
        if (documentation.Count > 0)
        {
            writer.DocLines(documentation);
        }
        else
        {
            writer.Line($"/// <summary>{fallbackSummary}</summary>");
        }
    }

    /// <summary>
    /// A name for a generated local or parameter inside a member's code: <paramref name="preferred"/>, or with a number
    /// appended (<c>e2</c>, <c>message2</c>) when one of the member's own parameters already has it.
    /// </summary>
    public static string FreeName(MemberModel member, string preferred)
    {
        var used = new HashSet<string>(member.Parameters.Select(static p => p.Name.TrimStart('@')));
        if (member.CancellationTokenName is { } token)
        {
            used.Add(token.TrimStart('@'));
        }

        string name = preferred;
        for (int suffix = 2; used.Contains(name); suffix++)
        {
            name = preferred + suffix.ToString(CultureInfo.InvariantCulture);
        }

        return name;
    }
}
