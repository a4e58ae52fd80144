namespace Ipc.Generators.Model;

/// <summary>The kinds of JSON value a payload type is written as.</summary>
internal enum ShapeKind
{
    String,

    /// <summary>Raw bytes: a top-level <c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c> or <c>Memory&lt;byte&gt;</c> argument or result, which travels as binary.</summary>
    Bytes,

    Number,
    Boolean,

    /// <summary>Any JSON value: <c>object</c>, <c>JsonElement</c>, <c>JsonNode</c>, or a type no shape describes.</summary>
    Unknown,

    /// <summary>A JSON array of <see cref="TypeShape.Element"/>.</summary>
    Array,

    /// <summary>A JSON object whose property names are keys and whose values are <see cref="TypeShape.Element"/>.</summary>
    Dictionary,

    /// <summary><see cref="TypeShape.Element"/>, or null.</summary>
    Nullable,

    /// <summary>A declared payload type (a record, class, struct or enum), found by <see cref="TypeShape.TypeKey"/>.</summary>
    Named,
}

/// <summary>
/// What a C# type looks like on the wire, as System.Text.Json writes it: independent of any client language, so that
/// each client emitter maps the same shapes. Built by <c>Parsing.PayloadShapes</c>.
/// </summary>
/// <param name="Element">The element of an array, dictionary or nullable.</param>
/// <param name="TypeKey">For <see cref="ShapeKind.Named"/>: the <see cref="PayloadTypeModel.Key"/> of the declaration.</param>
/// <param name="Note">Why the shape is what it is, when a reader could not guess: text for a byte array, precision of a long, a type that could not be described.</param>
internal sealed record TypeShape(ShapeKind Kind, TypeShape? Element = null, string? TypeKey = null, string? Note = null)
{
    public static TypeShape Boolean { get; } = new(ShapeKind.Boolean);

    public static TypeShape String(string? note = null) => new(ShapeKind.String, Note: note);

    public static TypeShape Bytes(string? note = null) => new(ShapeKind.Bytes, Note: note);

    public static TypeShape Number(string? note = null) => new(ShapeKind.Number, Note: note);

    public static TypeShape Unknown(string? note = null) => new(ShapeKind.Unknown, Note: note);

    public static TypeShape ArrayOf(TypeShape element) => new(ShapeKind.Array, element);

    public static TypeShape DictionaryOf(TypeShape value) => new(ShapeKind.Dictionary, value);

    public static TypeShape NullableOf(TypeShape value) => value.Kind is ShapeKind.Nullable or ShapeKind.Unknown ? value : new(ShapeKind.Nullable, value);

    public static TypeShape Named(string typeKey) => new(ShapeKind.Named, TypeKey: typeKey);
}
