using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ipc.Generators.Diagnostics.Analyzers;
using Ipc.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ipc.CodeFixes;

/// <summary>
/// IPC0005: rewrites an untyped listener registration into the typed one:
/// <c>main.On("asynchronous-message", (e, args) =&gt; … args.Get&lt;string&gt;(0) …)</c> becomes
/// <c>main.PingPong().AsynchronousMessage.On((e, arg) =&gt; … arg …)</c>. Offered only when the rewrite keeps the
/// meaning: a lambda whose <c>args</c> is used only as <c>args.Get&lt;T&gt;(constant)</c> with the contract's types,
/// a call whose result is unused, and (for sync channels, whose typed event differs) an event used only through
/// <c>Sender</c>, <c>Channel</c>, <c>IsSync</c>, <c>Reply</c> and assignments of <c>ReturnValue</c> the reply type accepts.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseTypedChannelCodeFixProvider))]
[Shared]
public sealed class UseTypedChannelCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.UntypedCallOnTypedChannel);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is not { } plan)
            {
                continue;
            }

            string title = $"Use {plan.ViewMethod}().{plan.ChannelProperty}.{plan.Method}";
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(plan.Invocation, plan.Replacement))), nameof(UseTypedChannelCodeFixProvider)),
                diagnostic);
        }
    }

    private sealed record Rewrite(InvocationExpressionSyntax Invocation, ExpressionSyntax Replacement, string ViewMethod, string ChannelProperty, string Method);

    private static Rewrite? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(UntypedChannelAnalyzer.ExtensionsClassProperty, out string? extensionsName)
            || !diagnostic.Properties.TryGetValue(UntypedChannelAnalyzer.ViewMethodProperty, out string? viewMethod)
            || !diagnostic.Properties.TryGetValue(UntypedChannelAnalyzer.ChannelPropertyProperty, out string? channelProperty)
            || !diagnostic.Properties.TryGetValue(UntypedChannelAnalyzer.ContractProperty, out string? contractName)
            || extensionsName is null || viewMethod is null || channelProperty is null || contractName is null
            || root.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not
                { Parent: ExpressionStatementSyntax, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "On" or "Once" } access, ArgumentList.Arguments: { Count: 2 } arguments } invocation
            || arguments[1].Expression is not ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 2, AsyncKeyword.RawKind: 0 } lambda
            || lambda.ParameterList.Parameters.Any(static p => p.Type is not null)
            || ContractMethodOf(model.Compilation, contractName, channelProperty) is not { } contractMethod)
        {
            return null;
        }

        IParameterSymbol[] typedParameters = contractMethod.Parameters.ToArray();
        ITypeSymbol? replyType = contractMethod.ReturnsVoid ? null : contractMethod.ReturnType;
        ParameterSyntax eventSyntax = lambda.ParameterList.Parameters[0];
        ParameterSyntax argsSyntax = lambda.ParameterList.Parameters[1];
        SyntaxNode body = lambda.Body;
        var names = new List<string>();
        var used = new HashSet<string>(body.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText))
        {
            eventSyntax.Identifier.ValueText,
        };
        foreach (IParameterSymbol parameter in typedParameters)
        {
            string name = SyntaxFacts.GetKeywordKind(parameter.Name) != SyntaxKind.None ? "@" + parameter.Name : parameter.Name;
            for (int i = 2; used.Contains(name) || name == argsSyntax.Identifier.ValueText && name != "_"; i++)
            {
                name = parameter.Name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            used.Add(name);
            names.Add(name);
        }

        // Every use of args must be args.Get<T>(constant index) with the contract's type at that index.
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        string argsName = argsSyntax.Identifier.ValueText;
        foreach (IdentifierNameSyntax reference in body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == argsName))
        {
            if (model.GetSymbolInfo(reference, cancellationToken).Symbol is not IParameterSymbol)
            {
                continue;
            }

            if (reference.Parent is not MemberAccessExpressionSyntax { Name: GenericNameSyntax { Identifier.ValueText: "Get", TypeArgumentList.Arguments.Count: 1 } get } getAccess
                || getAccess.Parent is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } getCall
                || model.GetConstantValue(getCall.ArgumentList.Arguments[0].Expression, cancellationToken) is not { HasValue: true, Value: int index }
                || index < 0 || index >= typedParameters.Length
                || model.GetTypeInfo(get.TypeArgumentList.Arguments[0], cancellationToken).Type is not { } requested
                || !SymbolEqualityComparer.Default.Equals(requested.WithNullableAnnotation(NullableAnnotation.None), typedParameters[index].Type.WithNullableAnnotation(NullableAnnotation.None)))
            {
                return null;
            }

            replacements[getCall] = SyntaxFactory.IdentifierName(names[index]).WithTriviaFrom(getCall);
        }

        if (replyType is not null && !EventUsesSurvive(model, body, eventSyntax.Identifier.ValueText, replyType, cancellationToken))
        {
            return null;
        }

        SyntaxNode newBody = body.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        var parameters = new List<ParameterSyntax> { eventSyntax };
        parameters.AddRange(names.Select(static n => SyntaxFactory.Parameter(SyntaxFactory.Identifier(n))));
        ParenthesizedLambdaExpressionSyntax newLambda = lambda
            .WithParameterList(lambda.ParameterList.WithParameters(SyntaxFactory.SeparatedList(parameters, Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), parameters.Count - 1))))
            .WithBody((CSharpSyntaxNode)newBody);

        ExpressionSyntax view = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, access.Expression, SyntaxFactory.IdentifierName(viewMethod)));
        ExpressionSyntax channel = SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, view, SyntaxFactory.IdentifierName(channelProperty));
        InvocationExpressionSyntax replacement = invocation
            .WithExpression(access.WithExpression(channel))
            .WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SingletonSeparatedList(arguments[1].WithExpression(newLambda))));
        return new Rewrite(invocation, replacement, viewMethod, channelProperty, access.Name.Identifier.ValueText);
    }

    /// <summary>
    /// The contract member the channel belongs to: its parameters are the typed listener's, in order and by name
    /// (read from the contract, so the fix does not depend on the generated code being in the workspace).
    /// </summary>
    private static IMethodSymbol? ContractMethodOf(Compilation compilation, string contractName, string memberName)
    {
        if (compilation.GetTypeByMetadataName(contractName) is not { } contract)
        {
            return null;
        }

        foreach (INamedTypeSymbol type in new[] { contract }.Concat(contract.AllInterfaces))
        {
            foreach (IMethodSymbol method in type.GetMembers(memberName).OfType<IMethodSymbol>())
            {
                return method;
            }
        }

        return null;
    }

    /// <summary>
    /// The typed event of a sync channel is another type than the untyped event: only the members both have, and
    /// assignments of values the reply type accepts, keep compiling.
    /// </summary>
    private static bool EventUsesSurvive(SemanticModel model, SyntaxNode body, string eventName, ITypeSymbol replyType, CancellationToken cancellationToken)
    {
        foreach (IdentifierNameSyntax reference in body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Where(n => n.Identifier.ValueText == eventName))
        {
            if (model.GetSymbolInfo(reference, cancellationToken).Symbol is not IParameterSymbol)
            {
                continue;
            }

            if (reference.Parent is not MemberAccessExpressionSyntax { Expression: var instance } member || instance != reference)
            {
                return false;
            }

            switch (member.Name.Identifier.ValueText)
            {
                case "Sender" or "Channel" or "IsSync":
                    continue;
                case "Reply" when member.Parent is InvocationExpressionSyntax:
                    continue;
                case "ReturnValue" when member.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment && assignment.Left == member:
                    Conversion conversion = model.ClassifyConversion(assignment.Right, replyType);
                    if (conversion.Exists && conversion.IsImplicit)
                    {
                        continue;
                    }

                    return false;
                default:
                    return false;
            }
        }

        return true;
    }
}
