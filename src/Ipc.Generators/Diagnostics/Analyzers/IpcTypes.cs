using Microsoft.CodeAnalysis;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// The runtime types the usage analyzers look for, resolved once per compilation by metadata name. A compilation
/// that does not reference the runtime gets no instance, and the analyzers register nothing for it.
/// </summary>
internal sealed class IpcTypes
{
    private IpcTypes(
        INamedTypeSymbol main,
        INamedTypeSymbol renderer,
        INamedTypeSymbol sender,
        INamedTypeSymbol mainEvent,
        INamedTypeSymbol typedMainEvent,
        INamedTypeSymbol listenerChannel,
        INamedTypeSymbol mainListenerChannel,
        INamedTypeSymbol channelAttribute)
    {
        IpcMain = main;
        IpcRenderer = renderer;
        IpcSender = sender;
        IpcMainEvent = mainEvent;
        TypedIpcMainEvent = typedMainEvent;
        IpcListenerChannel = listenerChannel;
        IpcMainListenerChannel = mainListenerChannel;
        IpcChannelAttribute = channelAttribute;
    }

    public INamedTypeSymbol IpcMain { get; }

    public INamedTypeSymbol IpcRenderer { get; }

    public INamedTypeSymbol IpcSender { get; }

    /// <summary><c>Ipc.IpcMainEvent</c>, the untyped event.</summary>
    public INamedTypeSymbol IpcMainEvent { get; }

    /// <summary><c>Ipc.IpcMainEvent&lt;TReturn&gt;</c>, the event of a typed sync channel.</summary>
    public INamedTypeSymbol TypedIpcMainEvent { get; }

    /// <summary><c>Ipc.IpcListenerChannel&lt;TListener&gt;</c>, which declares the typed <c>On</c> and <c>Once</c>.</summary>
    public INamedTypeSymbol IpcListenerChannel { get; }

    /// <summary><c>Ipc.IpcMainListenerChannel&lt;TListener&gt;</c>, the base of generated main-process listener channels.</summary>
    public INamedTypeSymbol IpcMainListenerChannel { get; }

    public INamedTypeSymbol IpcChannelAttribute { get; }

    public static IpcTypes? TryCreate(Compilation compilation)
    {
        if (compilation.GetTypeByMetadataName("Ipc.IpcMain") is not { } main
            || compilation.GetTypeByMetadataName("Ipc.IpcRenderer") is not { } renderer
            || compilation.GetTypeByMetadataName("Ipc.IpcSender") is not { } sender
            || compilation.GetTypeByMetadataName("Ipc.IpcMainEvent") is not { } mainEvent
            || compilation.GetTypeByMetadataName("Ipc.IpcMainEvent`1") is not { } typedMainEvent
            || compilation.GetTypeByMetadataName("Ipc.IpcListenerChannel`1") is not { } listenerChannel
            || compilation.GetTypeByMetadataName("Ipc.IpcMainListenerChannel`1") is not { } mainListenerChannel
            || compilation.GetTypeByMetadataName("Ipc.IpcChannelAttribute") is not { } channelAttribute)
        {
            return null;
        }

        return new IpcTypes(main, renderer, sender, mainEvent, typedMainEvent, listenerChannel, mainListenerChannel, channelAttribute);
    }

    /// <summary>True for <c>IpcMainEvent</c> and every <c>IpcMainEvent&lt;T&gt;</c>.</summary>
    public bool IsMainEvent(ITypeSymbol? type) =>
        type is INamedTypeSymbol named
        && (SymbolEqualityComparer.Default.Equals(named, IpcMainEvent)
            || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, TypedIpcMainEvent));

    /// <summary>True when <paramref name="type"/> is or derives from <c>IpcMainListenerChannel&lt;T&gt;</c>.</summary>
    public bool IsMainListenerChannel(ITypeSymbol? type)
    {
        for (ITypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, IpcMainListenerChannel))
            {
                return true;
            }
        }

        return false;
    }
}
