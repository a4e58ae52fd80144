using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Ipc.Generators.Model;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Parsing;

/// <summary>A <c>JsonSerializerContext</c> with <c>[JsonSourceGenerationOptions]</c>, and the naming policy it sets.</summary>
/// <param name="ContextType">The context's fully qualified name.</param>
internal sealed record SerializerContextPolicy(string ContextType, PropertyNamingPolicy Policy);

/// <summary>
/// Finds the property naming policy the application's serializer uses, from its System.Text.Json source-generation
/// contexts: the one place the compilation states it (options built in code are beyond a generator's sight).
/// </summary>
internal static class SerializerContexts
{
    public const string OptionsAttribute = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";

    /// <summary><c>JsonSerializerDefaults.Web</c>, whose options name properties in camel case.</summary>
    private const int WebDefaults = 1;

    /// <summary>Reads one context's policy; null for a class that is not a <c>JsonSerializerContext</c>.</summary>
    public static SerializerContextPolicy? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || !IsSerializerContext(type))
        {
            return null;
        }

        AttributeData options = context.Attributes[0];
        PropertyNamingPolicy policy = options.ConstructorArguments.Length == 1 && options.ConstructorArguments[0].Value is int defaults && defaults == WebDefaults
            ? PropertyNamingPolicy.CamelCase
            : PropertyNamingPolicy.AsWritten;
        foreach (var argument in options.NamedArguments)
        {
            // Unspecified (0) keeps what the defaults chose; values a newer System.Text.Json adds are not known here.
            if (argument.Key == "PropertyNamingPolicy" && argument.Value.Value is int value && value > 0 && value <= (int)PropertyNamingPolicy.KebabCaseUpper)
            {
                policy = (PropertyNamingPolicy)value;
            }
        }

        return new SerializerContextPolicy(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), policy);
    }

    /// <summary>
    /// The policy of the context first by fully qualified name (ordinal), so that the choice is the same on every
    /// build when several contexts disagree; names as written when there is none.
    /// </summary>
    public static PropertyNamingPolicy Choose(ImmutableArray<SerializerContextPolicy?> contexts) =>
        contexts
            .Where(static context => context is not null)
            .OrderBy(static context => context!.ContextType, StringComparer.Ordinal)
            .Select(static context => context!.Policy)
            .FirstOrDefault();

    private static bool IsSerializerContext(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (KnownTypes.Is(current, "System.Text.Json.Serialization", "JsonSerializerContext", 0))
            {
                return true;
            }
        }

        return false;
    }
}
