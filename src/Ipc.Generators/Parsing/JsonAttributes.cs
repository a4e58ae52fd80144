using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Parsing;

/// <summary>The System.Text.Json attributes that change how a payload is written, read by name as the contract attributes are.</summary>
internal static class JsonAttributes
{
    private const string Namespace = "System.Text.Json.Serialization";

    /// <summary>The values of <c>JsonIgnoreCondition</c> this generator tells apart.</summary>
    private const int IgnoreNever = 0;
    private const int IgnoreAlways = 1;
    private const int IgnoreWhenReading = 5;

    /// <summary>How a member's <c>[JsonIgnore]</c> treats it when an object is written.</summary>
    public static IgnoreRule IgnoreRuleOf(ISymbol member)
    {
        AttributeData? ignore = Find(member, "JsonIgnoreAttribute");
        if (ignore is null)
        {
            return IgnoreRule.Written;
        }

        int condition = IgnoreAlways; // [JsonIgnore] without a condition
        foreach (var argument in ignore.NamedArguments)
        {
            if (argument.Key == "Condition" && argument.Value.Value is int value)
            {
                condition = value;
            }
        }

        return condition switch
        {
            IgnoreNever or IgnoreWhenReading => IgnoreRule.Written,
            IgnoreAlways => IgnoreRule.Never,
            _ => IgnoreRule.Sometimes, // WhenWritingDefault, WhenWritingNull, WhenWriting
        };
    }

    public static bool HasInclude(ISymbol member) => Find(member, "JsonIncludeAttribute") is not null;

    public static bool HasExtensionData(ISymbol member) => Find(member, "JsonExtensionDataAttribute") is not null;

    /// <summary>The <c>[JsonPropertyName]</c> of a member, which wins over any naming policy.</summary>
    public static string? PropertyNameOf(ISymbol member) => StringArgumentOf(Find(member, "JsonPropertyNameAttribute"));

    /// <summary>The <c>[JsonStringEnumMemberName]</c> of an enum member (.NET 9 and later).</summary>
    public static string? EnumMemberNameOf(ISymbol member) => StringArgumentOf(Find(member, "JsonStringEnumMemberNameAttribute"));

    /// <summary>
    /// The converter a type or member names in <c>[JsonConverter(typeof(…))]</c>: an enum converter System.Text.Json
    /// ships, another converter (whose JSON only its code knows), or none.
    /// </summary>
    public static ConverterKind ConverterOf(ISymbol symbol)
    {
        AttributeData? attribute = Find(symbol, "JsonConverterAttribute");
        if (attribute is null)
        {
            return ConverterKind.None;
        }

        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not INamedTypeSymbol converter)
        {
            return ConverterKind.Other; // a derived attribute that creates its converter in code
        }

        return KnownTypes.Is(converter, Namespace, "JsonStringEnumConverter", 0) || KnownTypes.Is(converter, Namespace, "JsonStringEnumConverter", 1)
            ? ConverterKind.StringEnum
            : KnownTypes.Is(converter, Namespace, "JsonNumberEnumConverter", 1) ? ConverterKind.NumberEnum
            : ConverterKind.Other;
    }

    private static AttributeData? Find(ISymbol symbol, string attributeName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (KnownTypes.Is(attribute.AttributeClass, Namespace, attributeName, 0))
            {
                return attribute;
            }
        }

        return null;
    }

    private static string? StringArgumentOf(AttributeData? attribute) =>
        attribute is { ConstructorArguments.Length: 1 } ? attribute.ConstructorArguments[0].Value as string : null;
}

/// <summary>Whether System.Text.Json writes a member.</summary>
internal enum IgnoreRule
{
    Written,

    /// <summary><c>[JsonIgnore(Condition = WhenWritingNull)]</c> and the like: some objects leave it out.</summary>
    Sometimes,

    Never,
}

/// <summary>What a <c>[JsonConverter]</c> attribute names.</summary>
internal enum ConverterKind
{
    None,
    StringEnum,
    NumberEnum,
    Other,
}
