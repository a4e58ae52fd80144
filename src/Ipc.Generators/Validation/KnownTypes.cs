using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>
/// Recognises the framework and runtime types contracts use, by name, so that neither the validator nor the
/// parser needs the compilation (and the generator never references the runtime assembly).
/// </summary>
internal static class KnownTypes
{
    public const string ChannelAttribute = "Ipc.IpcChannelAttribute";

    public static bool IsChannelNameAttribute(INamedTypeSymbol? type) => Is(type, "Ipc", "IpcChannelNameAttribute", 0);

    public static bool IsCancellationToken(ITypeSymbol type) => Is(type, "System.Threading", "CancellationToken", 0);

    public static bool IsTask(ITypeSymbol type) => Is(type, "System.Threading.Tasks", "Task", 0);

    public static bool IsTaskOfT(ITypeSymbol type) => Is(type, "System.Threading.Tasks", "Task", 1);

    public static bool IsValueTask(ITypeSymbol type) => Is(type, "System.Threading.Tasks", "ValueTask", 0);

    public static bool IsValueTaskOfT(ITypeSymbol type) => Is(type, "System.Threading.Tasks", "ValueTask", 1);

    public static bool IsAwaitable(ITypeSymbol type) => IsTask(type) || IsTaskOfT(type) || IsValueTask(type) || IsValueTaskOfT(type);

    public static bool IsStream(ITypeSymbol type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, "System.IO", "Stream", 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="type"/> is the namespace-level type <paramref name="namespace"/>.<paramref name="name"/> with <paramref name="arity"/> type parameters.</summary>
    public static bool Is(ITypeSymbol? type, string @namespace, string name, int arity) =>
        type is INamedTypeSymbol named
        && named.Arity == arity
        && named.Name == name
        && named.ContainingType is null
        && named.ContainingNamespace?.ToDisplayString() == @namespace;
}
