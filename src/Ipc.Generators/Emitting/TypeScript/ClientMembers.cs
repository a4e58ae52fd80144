using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>How a contract's members appear in its client: names, parameters, result types and their notes.</summary>
internal sealed class ClientMembers
{
    private readonly Dictionary<MemberModel, string> _names = [];
    private readonly ModuleNames _moduleNames;

    public ClientMembers(ContractModel contract, ModuleNames moduleNames)
    {
        _moduleNames = moduleNames;
        var taken = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (MemberModel member in contract.Members)
        {
            string camel = JsonPropertyNaming.ToCamelCase(member.Name.TrimStart('@'));
            string name = camel;
            for (int suffix = 2; !taken.Add(name); suffix++)
            {
                name = camel + suffix.ToString(CultureInfo.InvariantCulture);
            }

            _names.Add(member, name);
        }
    }

    /// <summary>The member's property in the client object, camel case: <c>AsynchronousMessage</c> → <c>asynchronousMessage</c>.</summary>
    public string NameOf(MemberModel member) => _names[member];

    /// <summary>The member's parameters, renamed where a name would be reserved or shadow one the generated code uses.</summary>
    public static List<(string Name, TypeShape Shape)> ParametersOf(MemberModel member)
    {
        var taken = new HashSet<string>(ModuleNames.FunctionLocals, System.StringComparer.Ordinal);
        return member.Parameters.Select(p => (TypeScriptNames.Parameter(p.Name, taken), p.Shape)).ToList();
    }

    /// <summary><c>a: number, b: number</c>.</summary>
    public string TypedList(IEnumerable<(string Name, TypeShape Shape)> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.Name}: {TypeExpressions.Of(p.Shape, _moduleNames)}"));

    /// <summary>What the call's promise or the handler gives back: <c>void</c> when the member returns no value.</summary>
    public string ResultOf(MemberModel member) => member.ResultShape is null ? "void" : TypeExpressions.Of(member.ResultShape, _moduleNames);

    /// <summary>The notes on the member's parameters and result, as the member's JSDoc lines.</summary>
    public static IEnumerable<string> NotesOf(MemberModel member, List<(string Name, TypeShape Shape)> parameters, bool asTags)
    {
        foreach ((string name, TypeShape shape) in parameters)
        {
            foreach (string note in TypeExpressions.NotesOf(shape))
            {
                yield return asTags ? $"@param {name} {note}" : $"`{name}`: {note}";
            }
        }

        foreach (string note in TypeExpressions.NotesOf(member.ResultShape))
        {
            yield return asTags ? $"@returns {note}" : $"Result: {note}";
        }
    }
}
