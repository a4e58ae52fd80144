using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ipc.Tests.Shared;

/// <summary>
/// Reads a shipped library's XML documentation beside its assembly and lists what its public surface leaves
/// undocumented: a parameter, type parameter or result without its tag, or a type that does not say whether it is
/// thread-safe. The compiler reports a member with no docs at all (CS1591); this covers the rest of the rule.
/// Compiled into each shipped library's test project.
/// </summary>
internal static class PublicDocs
{
    public static IReadOnlyList<string> Gaps(Assembly assembly)
    {
        string path = Path.ChangeExtension(assembly.Location, ".xml");
        var members = XDocument.Load(path).Root!.Element("members")!.Elements("member")
            .Where(m => m.Element("inheritdoc") is null)
            .GroupBy(m => Key((string)m.Attribute("name")!))
            .ToDictionary(g => g.Key, g => g.ToList());
        var gaps = new List<string>();
        foreach (Type type in assembly.GetExportedTypes())
        {
            string typeId = TypeId(type);
            if (!type.IsEnum && !typeof(Delegate).IsAssignableFrom(type) && members.TryGetValue(("T", typeId, "", ""), out var typeDocs)
                && !s_threadSafety.IsMatch(string.Concat(typeDocs[0].DescendantNodes().OfType<XText>().Select(t => t.Value))))
            {
                gaps.Add($"{typeId}: says nothing of thread-safety");
            }

            const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (MethodBase method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                if (!(method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly) || method.IsSpecialName && method is not ConstructorInfo
                    || type.IsEnum || (typeof(Delegate).IsAssignableFrom(type) && method.Name != "Invoke"))
                {
                    continue;
                }

                string name = method is ConstructorInfo ? "#ctor" : method.Name;
                int parameters = method.GetParameters().Length;
                string kind = typeof(Delegate).IsAssignableFrom(type) ? "T" : "M";
                (string, string, string, string) key = kind == "T"
                    ? ("T", typeId, "", "")
                    : ("M", typeId, name + (method.IsGenericMethod ? "``" + method.GetGenericArguments().Length : ""), string.Join(",", method.GetParameters().Select(p => SimpleName(p.ParameterType))));
                if (!members.TryGetValue(key, out var docs))
                {
                    continue; // no docs at all is CS1591's to report; an explicit interface implementation has none
                }

                int typeParameters = method.IsGenericMethod ? method.GetGenericArguments().Length : 0;
                bool returns = method is MethodInfo info && info.ReturnType != typeof(void);
                foreach (XElement doc in docs)
                {
                    string where = $"{typeId}.{name}({parameters})";
                    if (doc.Elements("param").Count() < parameters)
                    {
                        gaps.Add($"{where}: a parameter without <param>");
                    }

                    if (doc.Elements("typeparam").Count() < typeParameters)
                    {
                        gaps.Add($"{where}: a type parameter without <typeparam>");
                    }

                    if (returns && doc.Element("returns") is null)
                    {
                        gaps.Add($"{where}: no <returns>");
                    }
                }
            }
        }

        return gaps.Distinct().ToList();
    }

    /// <summary>A member's documentation id as (kind, type, name with generic arity, the simple names of its parameter types).</summary>
    private static (string Kind, string Type, string Name, string Parameters) Key(string id)
    {
        string kind = id[..1];
        string rest = id[2..];
        int open = rest.IndexOf('(');
        string path = open < 0 ? rest : rest[..open];
        if (kind == "T")
        {
            return ("T", path, "", "");
        }

        int dot = path.LastIndexOf('.');
        string parameters = open < 0 ? "" : string.Join(",", TopLevel(rest[(open + 1)..^1]).Select(SimpleName));
        return (kind, path[..dot], path[(dot + 1)..], parameters);
    }

    private static IEnumerable<string> TopLevel(string list)
    {
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.Length; i++)
        {
            depth += list[i] is '{' or '[' ? 1 : list[i] is '}' or ']' ? -1 : 0;
            if (list[i] == ',' && depth == 0)
            {
                yield return list[start..i];
                start = i + 1;
            }
        }

        if (list.Length > 0)
        {
            yield return list[start..];
        }
    }

    /// <summary>A documentation id's parameter type as its simple name: <c>System.Func{…}</c> → <c>Func</c>, <c>``0</c> stays.</summary>
    private static string SimpleName(string documented)
    {
        string outer = documented.Split('{')[0].TrimEnd('@');
        string suffix = documented.EndsWith("[]", StringComparison.Ordinal) ? "[]" : "";
        return outer.StartsWith('`') ? outer : outer[(outer.LastIndexOf('.') + 1)..].Replace("[]", "") + suffix;
    }

    /// <summary>A reflected parameter type as its simple name, in the form <see cref="SimpleName(string)"/> gives.</summary>
    private static string SimpleName(Type type)
    {
        Type bare = type.IsByRef ? type.GetElementType()! : type;
        if (bare.IsArray)
        {
            return SimpleName(bare.GetElementType()!) + "[]";
        }

        if (bare.IsGenericParameter)
        {
            return (bare.DeclaringMethod is null ? "`" : "``") + bare.GenericParameterPosition;
        }

        int tick = bare.Name.IndexOf('`');
        return tick < 0 ? bare.Name : bare.Name[..tick];
    }

    private static string TypeId(Type type) => type.FullName!.Replace('+', '.');

    // Built at run time, not by [GeneratedRegex]: the repository's own code checks compile these sources without that generator.
    private static readonly Regex s_threadSafety = new("thread|immutable|one at a time", RegexOptions.IgnoreCase);
}
