using System.Collections.Generic;
using Ipc.Generators.Model;

namespace Ipc.Generators.Emitting.TypeScript;

/// <summary>
/// Every name a client module declares, settled once so that the TypeScript and JavaScript files agree: the structural
/// types and helpers first, then the contract's client, then its payload types, numbered where a C# name would clash.
/// </summary>
internal sealed class ModuleNames
{
    public const string Renderer = "IpcRendererLike";
    public const string RendererEvent = "IpcRendererEventLike";
    public const string HandlerEvent = "IpcHandlerEventLike";
    public const string InvokeOptions = "IpcInvokeOptions";
    public const string ListenerChannel = "IpcListenerChannel";
    public const string HandlerChannel = "IpcHandlerChannel";
    public const string ListenerChannelFactory = "listenerChannel";
    public const string HandlerChannelFactory = "handlerChannel";

    /// <summary>The names the module's functions use for themselves, which a contract's parameter must not shadow.</summary>
    public static readonly string[] FunctionLocals = ["ipc", "options", "event", "listener", "handler", "channel"];

    private readonly Dictionary<string, string> _typeNames = new(System.StringComparer.Ordinal);

    public ModuleNames(ContractModel contract)
    {
        var taken = new HashSet<string>(System.StringComparer.Ordinal)
        {
            Renderer, RendererEvent, HandlerEvent, InvokeOptions, ListenerChannel, HandlerChannel, ListenerChannelFactory, HandlerChannelFactory, "Promise", "AbortSignal",
        };
        Factory = TypeScriptNames.Type(JsonPropertyNaming.ToCamelCase(contract.Names.Stem), taken);
        Client = TypeScriptNames.Type(contract.Names.Stem + (contract.Direction == ContractDirection.RendererToMain ? "ToMain" : "FromMain"), taken);
        foreach (PayloadTypeModel type in contract.PayloadTypes)
        {
            _typeNames.Add(type.Key, TypeScriptNames.Type(type.Name, taken));
        }
    }

    /// <summary>The exported function that opens the contract: <c>pingPong(ipc)</c>.</summary>
    public string Factory { get; }

    /// <summary>The interface that function returns: <c>PingPongToMain</c> or <c>PingPongRepliesFromMain</c>.</summary>
    public string Client { get; }

    /// <summary>The declared name of a payload type, by its <see cref="PayloadTypeModel.Key"/>.</summary>
    public string TypeName(string key) => _typeNames[key];
}
