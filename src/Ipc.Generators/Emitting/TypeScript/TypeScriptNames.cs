using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>Spelling names and strings so that TypeScript and JavaScript read them as meant.</summary>
internal static class TypeScriptNames
{
    /// <summary>Words a JavaScript module (strict mode) refuses as a parameter's name, and TypeScript's type keywords.</summary>
    private static readonly HashSet<string> s_reserved =
    [
        "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
        "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in",
        "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static",
        "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
        "any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "undefined", "unknown",
    ];

    /// <summary>
    /// A parameter's name in the generated functions: the C# name, with <c>_</c> appended while it is a reserved word
    /// or one of <paramref name="taken"/> (names the generated code itself uses in the same scope).
    /// </summary>
    public static string Parameter(string cSharpName, ISet<string> taken)
    {
        string name = cSharpName.TrimStart('@');
        while (s_reserved.Contains(name) || taken.Contains(name))
        {
            name += "_";
        }

        taken.Add(name);
        return name;
    }

    /// <summary>A type's name, numbered while it is reserved or taken (<c>Promise</c> → <c>Promise2</c>).</summary>
    public static string Type(string name, ISet<string> taken)
    {
        string unique = name;
        for (int suffix = 2; s_reserved.Contains(unique) || taken.Contains(unique); suffix++)
        {
            unique = name + suffix.ToString(CultureInfo.InvariantCulture);
        }

        taken.Add(unique);
        return unique;
    }

    /// <summary>A property's key: bare when it is an identifier (reserved words are fine as keys), quoted otherwise.</summary>
    public static string PropertyKey(string name) => IsIdentifier(name) ? name : StringLiteral(name);

    /// <summary>A double-quoted string literal, valid in TypeScript, JavaScript and JSON.</summary>
    public static string StringLiteral(string value)
    {
        var literal = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"':
                    literal.Append("\\\"");
                    break;
                case '\\':
                    literal.Append("\\\\");
                    break;
                default:
                    if (c < ' ' || c is '\u2028' or '\u2029' || char.IsSurrogate(c))
                    {
                        literal.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        literal.Append(c);
                    }

                    break;
            }
        }

        return literal.Append('"').ToString();
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }

        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            bool valid = c is '_' or '$' || (c < 128 ? char.IsLetter(c) || (i > 0 && char.IsDigit(c)) : char.IsLetter(c));
            if (!valid)
            {
                return false;
            }
        }

        return true;
    }
}
