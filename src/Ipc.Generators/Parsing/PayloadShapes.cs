using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Ipc.Generators.Model;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Parsing;

/// <summary>
/// Reads how System.Text.Json writes the types one contract carries, declaring each record, class, struct and enum
/// reached on the way (through properties too). What it cannot describe becomes <see cref="ShapeKind.Unknown"/> with
/// a note: a client module is documentation as much as code, and must never fail the build.
/// </summary>
internal sealed class PayloadShapes(CancellationToken cancellationToken)
{
    private const string LongPrecision = " JavaScript numbers are exact only up to 2^53, so larger values lose digits.";

    private static readonly SymbolDisplayFormat s_keyFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private readonly Dictionary<string, PendingType> _declared = new(StringComparer.Ordinal);

    /// <summary>
    /// How a parameter or result of type <paramref name="type"/> is written. A top-level <c>byte[]</c> (or memory of
    /// bytes) travels as raw bytes; the same type inside a payload is base64 text in its JSON.
    /// </summary>
    public TypeShape ShapeOf(ITypeSymbol type) => ShapeOf(type, member: null, topLevel: true);

    /// <summary>The types reached so far, each with a name unique among them, ordered by name.</summary>
    public EquatableArray<PayloadTypeModel> Declarations()
    {
        Dictionary<string, string> names = UniqueNames();
        return _declared.Values
            .Select(pending => pending.ToModel(names[pending.Key]))
            .OrderBy(static model => model.Name, StringComparer.Ordinal)
            .ToEquatableArray();
    }

    private TypeShape ShapeOf(ITypeSymbol type, ISymbol? member, bool topLevel = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableValue)
        {
            return TypeShape.NullableOf(ShapeOf(nullableValue.TypeArguments[0], member, topLevel));
        }

        if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            return TypeShape.NullableOf(ShapeOf(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), member, topLevel));
        }

        if (topLevel && IsBytes(type))
        {
            return TypeShape.Bytes("C# " + type.ToDisplayString() + ": raw bytes, a Uint8Array both ways.");
        }

        ConverterKind memberConverter = member is null ? ConverterKind.None : JsonAttributes.ConverterOf(member);
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            return EnumShape(enumType, memberConverter);
        }

        if (memberConverter != ConverterKind.None || JsonAttributes.ConverterOf(type) != ConverterKind.None)
        {
            return TypeShape.Unknown("C# " + type.ToDisplayString() + ": a [JsonConverter] writes it, in a form only its code knows.");
        }

        return WellKnownShapeOf(type) ?? CollectionShapeOf(type) ?? DeclaredShapeOf(type);
    }

    private static TypeShape? WellKnownShapeOf(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean:
                return TypeShape.Boolean;
            case SpecialType.System_String:
                return TypeShape.String();
            case SpecialType.System_Char:
                return TypeShape.String("C# char: a string of one character.");
            case SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16 or SpecialType.System_UInt16
                or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single or SpecialType.System_Double:
                return TypeShape.Number();
            case SpecialType.System_Int64 or SpecialType.System_UInt64:
                return TypeShape.Number("C# " + type.ToDisplayString() + ":" + LongPrecision);
            case SpecialType.System_Decimal:
                return TypeShape.Number("C# decimal: JavaScript numbers hold about 15 significant digits, fewer than decimal's 28.");
            case SpecialType.System_DateTime:
                return TypeShape.String("C# DateTime: ISO 8601 text, such as 2024-05-01T12:30:00Z.");
            case SpecialType.System_Object:
                return TypeShape.Unknown();
        }

        if (IsBytes(type))
        {
            return TypeShape.String("C# " + type.ToDisplayString() + ": base64 text, as System.Text.Json writes bytes inside a payload.");
        }

        string? note = (type.ContainingNamespace?.ToDisplayString(), type.Name) switch
        {
            ("System", "DateTimeOffset") => "C# DateTimeOffset: ISO 8601 text with its offset, such as 2024-05-01T12:30:00+02:00.",
            ("System", "DateOnly") => "C# DateOnly: text such as 2024-05-01.",
            ("System", "TimeOnly") => "C# TimeOnly: text such as 12:30:00.",
            ("System", "TimeSpan") => "C# TimeSpan: text such as 1.02:03:04.5 ([-][d.]hh:mm:ss[.fffffff]).",
            ("System", "Guid") => "C# Guid: text such as 3f2504e0-4f89-11d3-9a0c-0305e82c3301.",
            ("System", "Uri") => "C# Uri: its text.",
            ("System", "Version") => "C# Version: text such as 1.2.3.",
            _ => null,
        };
        if (note is not null && type.ContainingType is null)
        {
            return TypeShape.String(note);
        }

        return (type.ContainingNamespace?.ToDisplayString(), type.Name) switch
        {
            ("System", "Half") => TypeShape.Number(),
            ("System", "Int128" or "UInt128") => TypeShape.Number("C# " + type.Name + ":" + LongPrecision),
            ("System.Text.Json", "JsonElement" or "JsonDocument") => TypeShape.Unknown(),
            ("System.Text.Json.Nodes", "JsonNode" or "JsonObject" or "JsonArray" or "JsonValue") => TypeShape.Unknown(),
            _ => null,
        };
    }

    private TypeShape? CollectionShapeOf(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.Rank == 1
                ? TypeShape.ArrayOf(ShapeOf(array.ElementType, member: null))
                : TypeShape.Unknown("C# " + type.ToDisplayString() + ": System.Text.Json does not write multidimensional arrays.");
        }

        if (type is not INamedTypeSymbol named)
        {
            return TypeShape.Unknown("C# " + type.ToDisplayString() + " cannot be described.");
        }

        if (named.IsTupleType)
        {
            return TypeShape.Unknown("C# " + type.ToDisplayString() + ": System.Text.Json writes a value tuple's fields only with IncludeFields.");
        }

        if (IsMemory(named))
        {
            return TypeShape.ArrayOf(ShapeOf(named.TypeArguments[0], member: null));
        }

        if ((FindInterface(named, "System.Collections.Generic", "IDictionary", 2) ?? FindInterface(named, "System.Collections.Generic", "IReadOnlyDictionary", 2)) is { } dictionary)
        {
            return IsKeyWrittenAsPropertyName(dictionary.TypeArguments[0])
                ? TypeShape.DictionaryOf(ShapeOf(dictionary.TypeArguments[1], member: null))
                : TypeShape.Unknown("C# " + type.ToDisplayString() + ": its keys are not strings, numbers or enums.");
        }

        if (FindInterface(named, "System.Collections.Generic", "IEnumerable", 1) is { } enumerable)
        {
            return TypeShape.ArrayOf(ShapeOf(enumerable.TypeArguments[0], member: null));
        }

        if (FindInterface(named, "System.Collections", "IEnumerable", 0) is not null)
        {
            return TypeShape.ArrayOf(TypeShape.Unknown());
        }

        return null;
    }

    private TypeShape DeclaredShapeOf(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct or TypeKind.Interface } named)
        {
            return TypeShape.Unknown("C# " + type.ToDisplayString() + " cannot be described.");
        }

        string key = named.ToDisplayString(s_keyFormat);
        if (!_declared.ContainsKey(key))
        {
            var pending = new PendingType(key, CandidateName(named), PayloadTypeKind.Object, named.ToDisplayString(), DocumentationReader.ReadSummary(named, cancellationToken));
            _declared.Add(key, pending); // before its members: a type may reach itself
            foreach (ISymbol member in SerializedMembers(named))
            {
                if (JsonAttributes.HasExtensionData(member))
                {
                    pending.HasExtensionData = true;
                    continue;
                }

                ITypeSymbol memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
                pending.Properties.Add(new PayloadPropertyModel(
                    member.Name,
                    JsonAttributes.PropertyNameOf(member),
                    ShapeOf(memberType, member),
                    JsonAttributes.IgnoreRuleOf(member) == IgnoreRule.Sometimes,
                    DocumentationReader.ReadSummary(member, cancellationToken)));
            }
        }

        return TypeShape.Named(key);
    }

    /// <summary>
    /// An enum as a number (System.Text.Json's default) or as its member names (<c>JsonStringEnumConverter</c> on the
    /// enum, or on the property, which wins). A string [Flags] enum writes several names in one string.
    /// </summary>
    private TypeShape EnumShape(INamedTypeSymbol type, ConverterKind memberConverter)
    {
        ConverterKind typeConverter = JsonAttributes.ConverterOf(type);
        if (memberConverter == ConverterKind.Other || (memberConverter == ConverterKind.None && typeConverter == ConverterKind.Other))
        {
            return TypeShape.Unknown("C# " + type.ToDisplayString() + ": a [JsonConverter] writes it, in a form only its code knows.");
        }

        bool asString = memberConverter == ConverterKind.StringEnum || (memberConverter == ConverterKind.None && typeConverter == ConverterKind.StringEnum);
        if (asString && type.GetAttributes().Any(static a => KnownTypes.Is(a.AttributeClass, "System", "FlagsAttribute", 0)))
        {
            return TypeShape.String("C# " + type.ToDisplayString() + ": [Flags] names, comma-separated.");
        }

        bool isDefaultForm = asString == (typeConverter == ConverterKind.StringEnum);
        string key = type.ToDisplayString(s_keyFormat) + (asString ? " as string" : " as number");
        if (!_declared.ContainsKey(key))
        {
            // The form the enum's own attribute chooses gets its name; the other form, chosen by a property, a suffix.
            string name = CandidateName(type) + (isDefaultForm ? string.Empty : asString ? "Name" : "Value");
            var pending = new PendingType(key, name, asString ? PayloadTypeKind.StringEnum : PayloadTypeKind.NumberEnum, type.ToDisplayString(), DocumentationReader.ReadSummary(type, cancellationToken));
            foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>().Where(static f => f.HasConstantValue))
            {
                pending.EnumMembers.Add(new EnumMemberModel(
                    field.Name,
                    Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture) ?? "0",
                    JsonAttributes.EnumMemberNameOf(field) ?? field.Name,
                    DocumentationReader.ReadSummary(field, cancellationToken)));
            }

            _declared.Add(key, pending);
        }

        return TypeShape.Named(key);
    }

    /// <summary>
    /// The properties and fields System.Text.Json writes, base types' first: public instance properties with a public
    /// getter, and any property or field with <c>[JsonInclude]</c>, unless <c>[JsonIgnore]</c> always leaves them out. A
    /// member declared again in a derived type (new or override) is written once, as the derived type declares it.
    /// </summary>
    private static List<ISymbol> SerializedMembers(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        if (type.TypeKind == TypeKind.Interface)
        {
            chain.Add(type);
            chain.AddRange(type.AllInterfaces);
        }
        else
        {
            for (INamedTypeSymbol? current = type; current is not null && current.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); current = current.BaseType)
            {
                chain.Add(current);
            }
        }

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<ISymbol>();
        foreach (INamedTypeSymbol declaring in chain)
        {
            var own = new List<ISymbol>();
            foreach (ISymbol member in declaring.GetMembers())
            {
                if (IsDataMember(member) && claimed.Add(member.Name) && IsWritten(member))
                {
                    own.Add(member);
                }
            }

            members.InsertRange(0, own);
        }

        return members;
    }

    private static bool IsDataMember(ISymbol member) => member switch
    {
        IPropertySymbol property => !property.IsStatic && !property.IsIndexer && property.ExplicitInterfaceImplementations.IsEmpty,
        IFieldSymbol field => !field.IsStatic && !field.IsConst && !field.IsImplicitlyDeclared,
        _ => false,
    };

    private static bool IsWritten(ISymbol member)
    {
        if (JsonAttributes.IgnoreRuleOf(member) == IgnoreRule.Never)
        {
            return false;
        }

        bool included = JsonAttributes.HasInclude(member);
        return member switch
        {
            IPropertySymbol property => property.GetMethod is not null
                && (included || (property.DeclaredAccessibility == Accessibility.Public && property.GetMethod.DeclaredAccessibility == Accessibility.Public)),
            _ => included, // fields only with [JsonInclude]: IncludeFields is off by default
        };
    }

    /// <summary>Dictionary keys System.Text.Json writes as property names that a client can read back as the same key.</summary>
    private static bool IsKeyWrittenAsPropertyName(ITypeSymbol key) =>
        key.TypeKind == TypeKind.Enum
        || key.SpecialType is SpecialType.System_String or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
            or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
        || KnownTypes.Is(key, "System", "Guid", 0);

    private static INamedTypeSymbol? FindInterface(INamedTypeSymbol type, string @namespace, string name, int arity)
    {
        if (type.TypeKind == TypeKind.Interface && KnownTypes.Is(type.OriginalDefinition, @namespace, name, arity))
        {
            return type;
        }

        return type.AllInterfaces.FirstOrDefault(i => KnownTypes.Is(i.OriginalDefinition, @namespace, name, arity));
    }

    private static bool IsMemory(INamedTypeSymbol type) =>
        KnownTypes.Is(type.OriginalDefinition, "System", "Memory", 1) || KnownTypes.Is(type.OriginalDefinition, "System", "ReadOnlyMemory", 1);

    private static bool IsBytes(ITypeSymbol type) =>
        type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte, Rank: 1 } || IsMemoryOfBytes(type);

    private static bool IsMemoryOfBytes(ITypeSymbol type) =>
        type is INamedTypeSymbol named && IsMemory(named) && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;

    /// <summary>
    /// A readable name: containing types first (<c>Outer.Item</c> → <c>OuterItem</c>), type arguments spelled in
    /// (<c>Page&lt;Item&gt;</c> → <c>PageOfItem</c>, <c>Pair&lt;int, string?&gt;</c> → <c>PairOfInt32AndNullableString</c>).
    /// </summary>
    private static string CandidateName(ITypeSymbol type)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return CandidateName(array.ElementType) + "Array";
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                return "Nullable" + CandidateName(nullable.TypeArguments[0]);
            case INamedTypeSymbol named:
                string name = named.ContainingType is { } outer ? CandidateName(outer) + named.Name : named.Name;
                if (named.TypeArguments.Length == 0)
                {
                    return name;
                }

                return name + "Of" + string.Join("And", named.TypeArguments.Select(static argument =>
                    (argument.IsReferenceType && argument.NullableAnnotation == NullableAnnotation.Annotated ? "Nullable" : string.Empty) + CandidateName(argument)));
            default:
                return type.Name;
        }
    }

    /// <summary>
    /// Each type keeps its candidate name unless another has it too; then the one first by key keeps it and the others
    /// take the first free numbered name (<c>Item2</c>), so the names stay the same on every run.
    /// </summary>
    private Dictionary<string, string> UniqueNames()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var later = new List<PendingType>();
        foreach (IGrouping<string, PendingType> sameName in _declared.Values.GroupBy(static p => p.CandidateName, StringComparer.Ordinal))
        {
            PendingType[] ordered = sameName.OrderBy(static p => p.Key, StringComparer.Ordinal).ToArray();
            names.Add(ordered[0].Key, ordered[0].CandidateName);
            taken.Add(ordered[0].CandidateName);
            later.AddRange(ordered.Skip(1));
        }

        foreach (PendingType pending in later.OrderBy(static p => p.Key, StringComparer.Ordinal))
        {
            string name = pending.CandidateName;
            for (int suffix = 2; taken.Contains(name); suffix++)
            {
                name = pending.CandidateName + suffix.ToString(CultureInfo.InvariantCulture);
            }

            taken.Add(name);
            names.Add(pending.Key, name);
        }

        return names;
    }

    /// <summary>A declaration being read; its name is settled once every type is known.</summary>
    private sealed class PendingType(string key, string candidateName, PayloadTypeKind kind, string cSharpType, EquatableArray<string> documentation)
    {
        public string Key { get; } = key;

        public string CandidateName { get; } = candidateName;

        public List<PayloadPropertyModel> Properties { get; } = [];

        public List<EnumMemberModel> EnumMembers { get; } = [];

        public bool HasExtensionData { get; set; }

        public PayloadTypeModel ToModel(string name) =>
            new(Key, name, kind, cSharpType, Properties.ToEquatableArray(), EnumMembers.ToEquatableArray(), HasExtensionData, documentation);
    }
}
