using Ipc.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// A main-process listener registration whose channel kind is known: a typed <c>main.PingPong().X.On(listener)</c>
/// (the listener delegate says the kind), or an untyped <c>main.On("x", listener)</c> / <c>Once</c> whose constant
/// channel name a contract of the compilation declares.
/// </summary>
/// <param name="Listener">The listener argument's value, as written (conversions removed).</param>
/// <param name="Kind"><see cref="MemberKind.Sync"/> or <see cref="MemberKind.Message"/>.</param>
/// <param name="Declaration">For an untyped registration, the contract member that declares the channel.</param>
internal sealed record ListenerRegistration(IInvocationOperation Invocation, IOperation Listener, string Channel, MemberKind Kind, ChannelDeclaration? Declaration)
{
    /// <summary>Recognises a registration; null for any other call, and for untyped channels no contract declares.</summary>
    public static ListenerRegistration? From(IInvocationOperation invocation, IpcTypes types, System.Func<ChannelCatalog> catalog)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name is not ("On" or "Once") || invocation.Arguments.Length == 0)
        {
            return null;
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType.OriginalDefinition, types.IpcListenerChannel))
        {
            return FromTyped(invocation, types);
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, types.IpcMain) && invocation.Arguments.Length == 2)
        {
            return FromUntyped(invocation, catalog);
        }

        return null;
    }

    /// <summary>The argument for <paramref name="parameterName"/>, its conversions removed.</summary>
    public static IOperation? ArgumentValue(IInvocationOperation invocation, string parameterName)
    {
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == parameterName)
            {
                return WithoutConversions(argument.Value);
            }
        }

        return null;
    }

    public static IOperation WithoutConversions(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
        {
            operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
        }

        return operation;
    }

    private static ListenerRegistration? FromTyped(IInvocationOperation invocation, IpcTypes types)
    {
        ITypeSymbol? channelType = invocation.Instance?.Type;
        if (!types.IsMainListenerChannel(channelType)
            || invocation.TargetMethod.Parameters.Length != 1
            || invocation.TargetMethod.Parameters[0].Type is not INamedTypeSymbol { DelegateInvokeMethod: { Parameters.Length: > 0 } invoke }
            || ArgumentValue(invocation, invocation.TargetMethod.Parameters[0].Name) is not { } listener)
        {
            return null;
        }

        ITypeSymbol eventType = invoke.Parameters[0].Type;
        MemberKind kind;
        if (SymbolEqualityComparer.Default.Equals(eventType.OriginalDefinition, types.TypedIpcMainEvent))
        {
            kind = MemberKind.Sync;
        }
        else if (SymbolEqualityComparer.Default.Equals(eventType, types.IpcMainEvent))
        {
            kind = MemberKind.Message;
        }
        else
        {
            return null;
        }

        return new ListenerRegistration(invocation, listener, ChannelNameOf(channelType!), kind, null);
    }

    private static ListenerRegistration? FromUntyped(IInvocationOperation invocation, System.Func<ChannelCatalog> catalog)
    {
        if (ArgumentValue(invocation, "channel") is not { ConstantValue: { HasValue: true, Value: string channel } }
            || ArgumentValue(invocation, "listener") is not { } listener
            || catalog().Find(channel, ContractDirection.RendererToMain) is not { Kind: MemberKind.Sync or MemberKind.Message } declaration)
        {
            return null;
        }

        return new ListenerRegistration(invocation, listener, channel, declaration.Kind, declaration);
    }

    /// <summary>A generated channel class holds its wire name in a <c>Name</c> constant.</summary>
    private static string ChannelNameOf(ITypeSymbol channelType)
    {
        foreach (ISymbol member in channelType.GetMembers("Name"))
        {
            if (member is IFieldSymbol { IsConst: true, ConstantValue: string name })
            {
                return name;
            }
        }

        return channelType.Name;
    }
}
