using System.Collections.Generic;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>Spells a <see cref="TypeShape"/> as a TypeScript type, and gathers what the reader should know about it.</summary>
internal static class TypeExpressions
{
    public static string Of(TypeShape shape, ModuleNames names) => shape.Kind switch
    {
        ShapeKind.String => "string",
        ShapeKind.Bytes => "Uint8Array",
        ShapeKind.Number => "number",
        ShapeKind.Boolean => "boolean",
        ShapeKind.Array => shape.Element!.Kind == ShapeKind.Nullable ? $"({Of(shape.Element, names)})[]" : $"{Of(shape.Element, names)}[]",
        ShapeKind.Dictionary => $"{{ [key: string]: {Of(shape.Element!, names)} }}",
        ShapeKind.Nullable => $"{Of(shape.Element!, names)} | null",
        ShapeKind.Named => names.TypeName(shape.TypeKey!),
        _ => "unknown",
    };

    /// <summary>The notes of a shape and of the shapes inside it, each once, outermost first.</summary>
    public static List<string> NotesOf(TypeShape? shape)
    {
        var notes = new List<string>();
        for (TypeShape? current = shape; current is not null; current = current.Element)
        {
            if (current.Note is { } note && !notes.Contains(note))
            {
                notes.Add(note);
            }
        }

        return notes;
    }
}
