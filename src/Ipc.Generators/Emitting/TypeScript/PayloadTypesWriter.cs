using System.Linq;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>
/// Declares the records, classes, structs and enums a contract carries: interfaces and string unions (types only,
/// so TypeScript alone), and numeric enums, which are values too and so appear in the JavaScript file as well.
/// </summary>
internal static class PayloadTypesWriter
{
    public static void Write(IndentedWriter writer, ContractModel contract, ModuleNames names, PropertyNamingPolicy policy, ModuleLanguage language)
    {
        foreach (PayloadTypeModel type in contract.PayloadTypes)
        {
            if (language == ModuleLanguage.JavaScript && type.Kind != PayloadTypeKind.NumberEnum)
            {
                continue;
            }

            writer.Line();
            JsDoc.Write(writer, type.Documentation, [$"From C# `{type.CSharpType}`."]);
            string name = names.TypeName(type.Key);
            switch (type.Kind)
            {
                case PayloadTypeKind.Object:
                    WriteInterface(writer, type, name, names, policy);
                    break;
                case PayloadTypeKind.StringEnum:
                    string union = string.Join(" | ", type.EnumMembers.Select(static m => TypeScriptNames.StringLiteral(m.JsonName)));
                    writer.Line($"export type {name} = {(union.Length == 0 ? "never" : union)};");
                    break;
                case PayloadTypeKind.NumberEnum when language == ModuleLanguage.TypeScript:
                    WriteEnum(writer, type, name);
                    break;
                default:
                    WriteEnumObject(writer, type, name);
                    break;
            }
        }
    }

    private static void WriteInterface(IndentedWriter writer, PayloadTypeModel type, string name, ModuleNames names, PropertyNamingPolicy policy)
    {
        writer.OpenLine($"export interface {name} {{");
        foreach (PayloadPropertyModel property in type.Properties)
        {
            JsDoc.Write(writer, property.Documentation, TypeExpressions.NotesOf(property.Shape));
            string optional = property.MayBeAbsent ? "?" : string.Empty;
            writer.Line($"{TypeScriptNames.PropertyKey(JsonPropertyNaming.JsonNameOf(property, policy))}{optional}: {TypeExpressions.Of(property.Shape, names)};");
        }

        if (type.HasExtensionData)
        {
            writer.Line("/** Properties of any other name: the C# type's [JsonExtensionData]. */");
            writer.Line("[name: string]: unknown;");
        }

        writer.CloseBlock();
    }

    private static void WriteEnum(IndentedWriter writer, PayloadTypeModel type, string name)
    {
        writer.OpenLine($"export enum {name} {{");
        foreach (EnumMemberModel member in type.EnumMembers)
        {
            JsDoc.Write(writer, member.Documentation);
            writer.Line($"{TypeScriptNames.PropertyKey(member.Name)} = {member.Value},");
        }

        writer.CloseBlock();
    }

    /// <summary>What TypeScript compiles a numeric enum to: an object mapping names to numbers and numbers back to names.</summary>
    private static void WriteEnumObject(IndentedWriter writer, PayloadTypeModel type, string name)
    {
        writer.Line($"export var {name};");
        writer.OpenLine($"(function ({name}) {{");
        foreach (EnumMemberModel member in type.EnumMembers)
        {
            string key = TypeScriptNames.StringLiteral(member.Name);
            writer.Line($"{name}[{name}[{key}] = {member.Value}] = {key};");
        }

        writer.CloseBlock($")({name} || ({name} = {{}}));");
    }
}
