using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>Which types a channel can carry (IPC1007): values that travel as serialised copies, nothing that only lives in one process.</summary>
internal static class Serializability
{
    /// <summary>Whether values of <paramref name="type"/> can travel as serialised copies.</summary>
    public static bool Allows(ITypeSymbol type)
    {
        if (type.TypeKind is TypeKind.Delegate or TypeKind.Pointer or TypeKind.FunctionPointer
            || type.IsRefLikeType
            || KnownTypes.IsStream(type)
            || KnownTypes.IsAwaitable(type)
            || KnownTypes.IsCancellationToken(type))
        {
            return false;
        }

        if (type is IArrayTypeSymbol array)
        {
            return Allows(array.ElementType);
        }

        if (type is INamedTypeSymbol named)
        {
            foreach (ITypeSymbol argument in named.TypeArguments)
            {
                if (!Allows(argument))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
