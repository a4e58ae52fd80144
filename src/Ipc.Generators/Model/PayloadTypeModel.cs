namespace Ipc.Generators.Model;

/// <summary>How a declared payload type is written.</summary>
internal enum PayloadTypeKind
{
    /// <summary>A JSON object of <see cref="PayloadTypeModel.Properties"/>: a record, class, struct or interface.</summary>
    Object,

    /// <summary>An enum written as its number (System.Text.Json's default).</summary>
    NumberEnum,

    /// <summary>An enum written as its member name (<c>JsonStringEnumConverter</c> on the enum or the property).</summary>
    StringEnum,
}

/// <summary>A type a contract's messages carry, declared once per client module.</summary>
/// <param name="Key">Identifies the declaration among the contract's payload types: the C# type, fully qualified, and how it is written.</param>
/// <param name="Name">A name for the declaration, unique among the contract's payload types and the same on every run: the C# name, with its containing types and type arguments spelled in.</param>
/// <param name="CSharpType">The C# type as a reader knows it, for documentation.</param>
/// <param name="Properties">An object's members, in the order System.Text.Json writes them by default (base types first).</param>
/// <param name="EnumMembers">An enum's members, in declaration order.</param>
/// <param name="HasExtensionData">True when a <c>[JsonExtensionData]</c> member adds properties of any name.</param>
/// <param name="Documentation">The C# type's <c>summary</c> and <c>remarks</c>, as <c>DocumentationReader</c> reads them.</param>
internal sealed record PayloadTypeModel(
    string Key,
    string Name,
    PayloadTypeKind Kind,
    string CSharpType,
    EquatableArray<PayloadPropertyModel> Properties,
    EquatableArray<EnumMemberModel> EnumMembers,
    bool HasExtensionData,
    EquatableArray<string> Documentation);

/// <summary>A property or field System.Text.Json writes.</summary>
/// <param name="Name">The C# name, which the serializer's naming policy converts.</param>
/// <param name="JsonName">The <c>[JsonPropertyName]</c>, which no policy changes; null when there is none.</param>
/// <param name="MayBeAbsent">True when <c>[JsonIgnore(Condition = …)]</c> leaves it out of some objects.</param>
internal sealed record PayloadPropertyModel(string Name, string? JsonName, TypeShape Shape, bool MayBeAbsent, EquatableArray<string> Documentation);

/// <summary>An enum member.</summary>
/// <param name="Value">Its number, as JSON writes it.</param>
/// <param name="JsonName">The name a string enum writes: <c>[JsonStringEnumMemberName]</c>, or else the member's name.</param>
internal sealed record EnumMemberModel(string Name, string Value, string JsonName, EquatableArray<string> Documentation);
