using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Ipc.Generators.Diagnostics.Analyzers;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ipc.CodeFixes;

/// <summary>
/// IPC0007: takes a <c>CancellationToken</c> out of the message arguments. An invocation gets the overload that takes
/// the arguments as an array and the token: <c>InvokeAsync&lt;int&gt;("add", 1, 2, ct)</c> becomes
/// <c>InvokeAsync&lt;int&gt;("add", new object?[] { 1, 2 }, ct)</c>, and <c>Array.Empty&lt;object?&gt;()</c> when the token
/// was the only argument. A message, which cannot be cancelled, loses the token argument. The invocation fix is offered
/// only for a call with positional arguments and a single token among them (a call takes one token).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CancellationTokenArgumentCodeFixProvider))]
[Shared]
public sealed class CancellationTokenArgumentCodeFixProvider : CodeFixProvider
{
    private const string EquivalenceKey = nameof(CancellationTokenArgumentCodeFixProvider);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.CancellationTokenAmongArguments);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

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
            if (Locate(root, diagnostic) is not { } target
                || Rewrite(model, target.Invocation, [target.Token], target.Remedy) is not { } replacement)
            {
                continue;
            }

            string title = target.Remedy == CancellationTokenArgumentAnalyzer.PassToTokenOverload
                ? "Pass the CancellationToken to the overload that takes it"
                : "Remove the CancellationToken argument";
            context.RegisterCodeFix(
                CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(target.Invocation, replacement))), EquivalenceKey),
                diagnostic);
        }
    }

    /// <summary>Every call of the document at once: a call with several flagged tokens is rewritten once, for all of them.</summary>
    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (IGrouping<InvocationExpressionSyntax, Target> call in diagnostics.Select(d => Locate(root, d)).OfType<Target>().GroupBy(static t => t.Invocation))
        {
            if (Rewrite(model, call.Key, call.Select(static t => t.Token).ToList(), call.First().Remedy) is { } replacement)
            {
                replacements.Add(call.Key, replacement);
            }
        }

        return document.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]));
    }

    private sealed record Target(InvocationExpressionSyntax Invocation, ArgumentSyntax Token, string Remedy);

    private static Target? Locate(SyntaxNode root, Diagnostic diagnostic) =>
        diagnostic.Properties.TryGetValue(CancellationTokenArgumentAnalyzer.RemedyProperty, out string? remedy) && remedy is not null
        && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ArgumentSyntax>() is { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } token
            ? new Target(invocation, token, remedy)
            : null;

    private static InvocationExpressionSyntax? Rewrite(SemanticModel model, InvocationExpressionSyntax invocation, IReadOnlyCollection<ArgumentSyntax> tokens, string remedy)
    {
        SeparatedSyntaxList<ArgumentSyntax> arguments = invocation.ArgumentList.Arguments;
        if (remedy != CancellationTokenArgumentAnalyzer.PassToTokenOverload)
        {
            // From the last to the first, so that each index still points at its argument.
            foreach (int index in tokens.Select(arguments.IndexOf).OrderByDescending(static i => i))
            {
                arguments = arguments.RemoveAt(index);
            }

            return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(arguments));
        }

        // The channel comes first; every other argument was a message argument until now, and exactly one is a token.
        List<ArgumentSyntax> callTokens = arguments.Skip(1).Where(a => IsCancellationToken(model, a)).ToList();
        if (callTokens.Count != 1 || arguments.Any(static a => a.NameColon is not null))
        {
            return null;
        }

        ArgumentSyntax movedToken = callTokens[0];

        string elementType = model.GetNullableContext(invocation.SpanStart).AnnotationsEnabled() ? "object?" : "object";
        string[] messageArguments = arguments.Skip(1).Where(a => a != movedToken).Select(static a => a.Expression.ToString()).ToArray();
        ExpressionSyntax array = SyntaxFactory.ParseExpression(messageArguments.Length == 0
            ? ArrayType(model, invocation.SpanStart) + ".Empty<" + elementType + ">()"
            : "new " + elementType + "[] { " + string.Join(", ", messageArguments) + " }");
        ArgumentSyntax[] newArguments = [arguments[0], SyntaxFactory.Argument(array), movedToken.WithoutTrivia()];
        return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(
            newArguments,
            Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), newArguments.Length - 1))));
    }

    private static bool IsCancellationToken(SemanticModel model, ArgumentSyntax argument) =>
        model.GetTypeInfo(argument.Expression).Type is { } type && KnownTypes.IsCancellationToken(type);

    /// <summary><c>Array</c> where the file's usings make it <c>System.Array</c>, its full name otherwise.</summary>
    private static string ArrayType(SemanticModel model, int position)
    {
        INamedTypeSymbol? array = model.Compilation.GetSpecialType(SpecialType.System_Array);
        ImmutableArray<ISymbol> visible = model.LookupNamespacesAndTypes(position, name: "Array");
        return visible.Length == 1 && SymbolEqualityComparer.Default.Equals(visible[0], array) ? "Array" : "global::System.Array";
    }
}
