using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Validation;

/// <summary>Reads a contract's direction from its <c>[IpcChannel]</c> attribute, for the analyzers.</summary>
internal static class ContractDirections
{
    /// <summary>
    /// <c>[IpcChannel(IpcDirection.MainToRenderer)]</c> gives <see cref="ContractDirection.MainToRenderer"/>; no argument,
    /// or any other value, gives <see cref="ContractDirection.RendererToMain"/>, as the parser reads it.
    /// </summary>
    public static ContractDirection Of(AttributeData channelAttribute) =>
        channelAttribute.ConstructorArguments.Length == 1
        && channelAttribute.ConstructorArguments[0].Value is int value
        && value == (int)ContractDirection.MainToRenderer
            ? ContractDirection.MainToRenderer
            : ContractDirection.RendererToMain;
}
