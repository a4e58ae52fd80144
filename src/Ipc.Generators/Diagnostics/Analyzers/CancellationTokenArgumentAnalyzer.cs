using System.Collections.Immutable;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Ipc.Generators.Diagnostics.Analyzers;

/// <summary>
/// IPC0007: a <c>CancellationToken</c> written among the message arguments of an untyped call, where C# binds it to the
/// <c>params object?[]</c> array: <c>renderer.InvokeAsync&lt;int&gt;("add", 1, 2, token)</c>. Only tokens the compiler
/// put into the array count; an array the code builds itself says what it sends (the runtime refuses a token in it with
/// an <c>ArgumentException</c> naming the overload, as it does any token among the arguments).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationTokenArgumentAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: what the code fix does, <see cref="PassToTokenOverload"/> or <see cref="RemoveArgument"/>.</summary>
    public const string RemedyProperty = "Remedy";

    /// <summary>An invocation: the token moves to the overload that takes the arguments as an array and a token.</summary>
    public const string PassToTokenOverload = "PassToTokenOverload";

    /// <summary>A message, which nothing can cancel: the token argument goes.</summary>
    public const string RemoveArgument = "RemoveArgument";

    private const string InvokeConsequence = "it cancels nothing, and the runtime refuses it with ArgumentException; pass it to the overload that takes the arguments as an array and a CancellationToken";

    private const string MessageConsequence = "a message cannot be cancelled, and the runtime refuses the token with ArgumentException; leave it out";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.CancellationTokenAmongArguments);

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

            start.RegisterOperationAction(operationContext => Analyze(operationContext, types), OperationKind.Invocation);
        });
    }

    private static void Analyze(OperationAnalysisContext context, IpcTypes types)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (RemedyFor(invocation.TargetMethod, types) is not { } remedy)
        {
            return;
        }

        ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty.Add(RemedyProperty, remedy);
        string consequence = remedy == PassToTokenOverload ? InvokeConsequence : MessageConsequence;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.ParamArray || argument.Value is not IArrayCreationOperation { Initializer: { } initializer })
            {
                continue;
            }

            foreach (IOperation element in initializer.ElementValues)
            {
                IOperation value = ListenerRegistration.WithoutConversions(element);
                if (value.Type is { } type && KnownTypes.IsCancellationToken(type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.CancellationTokenAmongArguments,
                        value.Syntax.GetLocation(),
                        properties,
                        invocation.TargetMethod.Name,
                        value.Syntax.ToString(),
                        consequence));
                }
            }
        }
    }

    /// <summary>The remedy for an untyped call that takes <c>params object?[]</c> message arguments; null for any other method.</summary>
    private static string? RemedyFor(IMethodSymbol method, IpcTypes types)
    {
        INamedTypeSymbol type = method.ContainingType;
        bool renderer = SymbolEqualityComparer.Default.Equals(type, types.IpcRenderer);
        bool sender = SymbolEqualityComparer.Default.Equals(type, types.IpcSender);
        return method.Name switch
        {
            "InvokeAsync" when renderer || sender => PassToTokenOverload,
            "InvokeAllAsync" when SymbolEqualityComparer.Default.Equals(type, types.IpcMain) => PassToTokenOverload,
            "Send" when renderer || sender => RemoveArgument,
            "SendSync" when renderer => RemoveArgument,
            "Reply" when types.IsMainEvent(type) => RemoveArgument,
            _ => null,
        };
    }
}
