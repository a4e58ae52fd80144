using System.Globalization;
using System.Text;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>
/// System.Text.Json's naming policies, rewritten for netstandard2.0 so that a client module names each property as
/// the serializer will (the tests compare them with <c>JsonNamingPolicy</c> itself).
/// </summary>
internal static class JsonPropertyNaming
{
    /// <summary>The JSON name of a C# property: its <c>[JsonPropertyName]</c>, or else its name under the policy.</summary>
    public static string JsonNameOf(PayloadPropertyModel property, PropertyNamingPolicy policy) =>
        property.JsonName ?? Convert(property.Name, policy);

    public static string Convert(string name, PropertyNamingPolicy policy) => policy switch
    {
        PropertyNamingPolicy.CamelCase => ToCamelCase(name),
        PropertyNamingPolicy.SnakeCaseLower => ToSeparated(name, '_', lowercase: true),
        PropertyNamingPolicy.SnakeCaseUpper => ToSeparated(name, '_', lowercase: false),
        PropertyNamingPolicy.KebabCaseLower => ToSeparated(name, '-', lowercase: true),
        PropertyNamingPolicy.KebabCaseUpper => ToSeparated(name, '-', lowercase: false),
        _ => name,
    };

    /// <summary>
    /// <c>JsonNamingPolicy.CamelCase</c>: the leading run of capitals is lowered, except the last one when a lower-case
    /// letter follows it (<c>URLValue</c> → <c>urlValue</c>, <c>ID</c> → <c>id</c>).
    /// </summary>
    public static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        char[] chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (i == 1 && !char.IsUpper(chars[i]))
            {
                break;
            }

            bool hasNext = i + 1 < chars.Length;
            if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
            {
                if (chars[i + 1] == ' ')
                {
                    chars[i] = char.ToLowerInvariant(chars[i]);
                }

                break;
            }

            chars[i] = char.ToLowerInvariant(chars[i]);
        }

        return new string(chars);
    }

    /// <summary>
    /// <c>JsonNamingPolicy.SnakeCase*</c> and <c>KebabCase*</c>: words split where a capital follows a lower-case letter,
    /// a digit or a space, and before the last capital of a run that a lower-case letter follows; spaces between words
    /// become the separator; other characters pass through and start a new run.
    /// </summary>
    public static string ToSeparated(string name, char separator, bool lowercase)
    {
        var result = new StringBuilder(name.Length + 8);
        var state = SeparatorState.NotStarted;
        for (int i = 0; i < name.Length; i++)
        {
            char current = name[i];
            UnicodeCategory category = char.GetUnicodeCategory(current);
            switch (category)
            {
                case UnicodeCategory.UppercaseLetter:
                    if (state is SeparatorState.LowercaseLetterOrDigit or SeparatorState.SpaceSeparator
                        || (state == SeparatorState.UppercaseLetter && i + 1 < name.Length && char.IsLower(name[i + 1])))
                    {
                        result.Append(separator);
                    }

                    result.Append(lowercase ? char.ToLowerInvariant(current) : current);
                    state = SeparatorState.UppercaseLetter;
                    break;
                case UnicodeCategory.LowercaseLetter or UnicodeCategory.DecimalDigitNumber:
                    if (state == SeparatorState.SpaceSeparator)
                    {
                        result.Append(separator);
                    }

                    result.Append(!lowercase && category == UnicodeCategory.LowercaseLetter ? char.ToUpperInvariant(current) : current);
                    state = SeparatorState.LowercaseLetterOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != SeparatorState.NotStarted)
                    {
                        state = SeparatorState.SpaceSeparator;
                    }

                    break;
                default:
                    result.Append(current);
                    state = SeparatorState.NotStarted;
                    break;
            }
        }

        return result.ToString();
    }

    private enum SeparatorState
    {
        NotStarted,
        UppercaseLetter,
        LowercaseLetterOrDigit,
        SpaceSeparator,
    }
}
