using System.Collections.Immutable;
using System.Threading;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// Untyped calls whose constant channel name a contract of the compilation declares: IPC0005 offers the typed API
/// when the call matches the channel's kind; IPC0006 flags an invocation (<c>InvokeAsync</c>, <c>InvokeAllAsync</c>) of
/// a message channel, and a message (<c>Send</c>, <c>SendSync</c>, <c>Reply</c>) on an invoke channel, which reach nobody.
/// Both directions: renderer → main channels are named by the renderer's sends and main's registrations, main → renderer
/// channels by main's sends and invocations and the renderer's registrations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UntypedChannelAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the generated extensions class, by metadata name.</summary>
    public const string ExtensionsClassProperty = "ExtensionsClass";

    /// <summary>Diagnostic property: the generated extension method, e.g. <c>PingPong</c>.</summary>
    public const string ViewMethodProperty = "ViewMethod";

    /// <summary>Diagnostic property: the channel's property on the generated view, e.g. <c>SynchronousMessage</c>.</summary>
    public const string ChannelPropertyProperty = "ChannelProperty";

    /// <summary>Diagnostic property: the contract interface, by metadata name (the fix reads the member's parameters from it).</summary>
    public const string ContractProperty = "Contract";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UntypedCallOnTypedChannel,
        DiagnosticDescriptors.UntypedCallOfWrongKind);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            if (IpcTypes.TryCreate(start.Compilation) is not { } types)
            {
                return;
            }

            System.Lazy<ChannelCatalog> catalog = ChannelCatalog.Lazy(start.Compilation, types.IpcChannelAttribute);
            start.RegisterOperationAction(operationContext => Analyze(operationContext, types, catalog), OperationKind.Invocation);
        });
    }

    /// <summary>An untyped call: which endpoint method it is, and what it can be used with.</summary>
    private enum Call
    {
        None,
        MainListener,
        MainHandler,
        RendererSend,
        RendererSendSync,
        RendererInvoke,
        RendererListener,
        RendererHandler,
        SendToRenderer,
        InvokeRenderer,
        InvokeAllRenderers,
    }

    private static void Analyze(OperationAnalysisContext context, IpcTypes types, System.Lazy<ChannelCatalog> catalog)
    {
        var invocation = (IInvocationOperation)context.Operation;
        Call call = Classify(invocation.TargetMethod, types);
        if (call == Call.None
            || ListenerRegistration.ArgumentValue(invocation, "channel") is not { ConstantValue: { HasValue: true, Value: string channel } } channelArgument)
        {
            return;
        }

        ContractDirection direction = call is Call.RendererListener or Call.RendererHandler or Call.SendToRenderer or Call.InvokeRenderer or Call.InvokeAllRenderers
            ? ContractDirection.MainToRenderer
            : ContractDirection.RendererToMain;
        if (catalog.Value.Find(channel, direction) is not { } declaration)
        {
            return;
        }

        string member = declaration.Contract.Name + "." + declaration.Method.Name;
        Location location = channelArgument.Syntax.GetLocation();
        bool matches = (call, declaration.Kind) switch
        {
            (Call.MainListener, MemberKind.Sync or MemberKind.Message) => true,
            (Call.MainHandler, MemberKind.Invoke) => true,
            (Call.RendererSend, MemberKind.Message) => true,
            (Call.RendererSendSync, MemberKind.Sync) => true,
            (Call.RendererInvoke, MemberKind.Invoke) => true,
            (Call.RendererListener or Call.SendToRenderer, MemberKind.Message) => true,
            (Call.RendererHandler or Call.InvokeRenderer or Call.InvokeAllRenderers, MemberKind.Invoke) => true,
            _ => false,
        };

        if (matches && declaration.TypedApi is { } api)
        {
            ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                .Add(ExtensionsClassProperty, MetadataNameOf(api.ExtensionsClass))
                .Add(ViewMethodProperty, api.ViewMethod)
                .Add(ChannelPropertyProperty, api.ChannelProperty)
                .Add(ContractProperty, MetadataNameOf(declaration.Contract));
            string typedCall = call switch
            {
                Call.MainListener or Call.MainHandler or Call.RendererListener or Call.RendererHandler =>
                    $"{api.ViewMethod}().{api.ChannelProperty}.{invocation.TargetMethod.Name}(…)",
                _ => $"{api.ViewMethod}().{api.ChannelProperty}(…)",
            };
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UntypedCallOnTypedChannel, location, properties, channel, member, typedCall));
            return;
        }

        string? consequence = (call, declaration.Kind) switch
        {
            (Call.RendererInvoke or Call.InvokeRenderer, MemberKind.Message or MemberKind.Sync) =>
                "InvokeAsync reaches only handlers registered with Handle, so it fails with 'No handler registered'",
            (Call.InvokeAllRenderers, MemberKind.Message or MemberKind.Sync) =>
                "InvokeAllAsync reaches only handlers registered with Handle, so every renderer's result fails with 'No handler registered'",
            (Call.RendererSend or Call.RendererSendSync, MemberKind.Invoke) =>
                "Send and SendSync reach only listeners, not the handler that answers this channel",
            (Call.SendToRenderer, MemberKind.Invoke) =>
                "Send and Reply reach only the renderer's listeners, not the handler that answers this channel",
            _ => null,
        };
        if (consequence is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.UntypedCallOfWrongKind,
                location,
                invocation.TargetMethod.Name,
                channel,
                member,
                KindDescription(declaration.Kind),
                consequence));
        }
    }

    private static Call Classify(IMethodSymbol method, IpcTypes types)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (SymbolEqualityComparer.Default.Equals(type, types.IpcMain))
        {
            return method.Name switch
            {
                "On" or "Once" => Call.MainListener,
                "Handle" or "HandleOnce" => Call.MainHandler,
                "InvokeAllAsync" => Call.InvokeAllRenderers,
                _ => Call.None,
            };
        }

        if (SymbolEqualityComparer.Default.Equals(type, types.IpcRenderer))
        {
            return method.Name switch
            {
                "Send" => Call.RendererSend,
                "SendSync" => Call.RendererSendSync,
                "InvokeAsync" => Call.RendererInvoke,
                "On" or "Once" => Call.RendererListener,
                "Handle" or "HandleOnce" => Call.RendererHandler,
                _ => Call.None,
            };
        }

        if (SymbolEqualityComparer.Default.Equals(type, types.IpcSender))
        {
            return method.Name switch
            {
                "Send" => Call.SendToRenderer,
                "InvokeAsync" => Call.InvokeRenderer,
                _ => Call.None,
            };
        }

        return types.IsMainEvent(type) && method.Name == "Reply" ? Call.SendToRenderer : Call.None;
    }

    private static string KindDescription(MemberKind kind) => kind switch
    {
        MemberKind.Message => "a fire-and-forget message",
        MemberKind.Sync => "a sync message",
        _ => "an invocation",
    };

    private static string MetadataNameOf(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
            type = outer;
        }

        return type.ContainingNamespace is { IsGlobalNamespace: false } @namespace ? @namespace.ToDisplayString() + "." + name : name;
    }
}
