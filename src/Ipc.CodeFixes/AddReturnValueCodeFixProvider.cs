using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ipc.Generators.Diagnostics;
using Ipc.Generators.Diagnostics.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Ipc.CodeFixes;

/// <summary>
/// IPC0001: ends the listener with a placeholder for the missing reply, turning an expression body into a block. When
/// the reply's type allows <c>default</c> (a value type or a nullable type) the placeholder is
/// <c>e.ReturnValue = default;</c>. Otherwise, a non-nullable reference type, <c>default</c> would be a null the type
/// forbids that <c>SendSync</c> would return without a word, so the placeholder is
/// <c>throw new NotImplementedException(…)</c>: it compiles, and until the real reply is written each <c>SendSync</c>
/// fails loudly with <c>IpcRemoteException</c> naming it. Not offered for async listeners, where the end of the listener
/// runs after its awaits (IPC0003), nor for listeners declared in another file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddReturnValueCodeFixProvider))]
[Shared]
public sealed class AddReturnValueCodeFixProvider : CodeFixProvider
{
    private const string DefaultReplyTitle = "Set ReturnValue at the end of the listener";
    private const string ThrowingPlaceholderTitle = "End the listener with a NotImplementedException until the reply is written";

    /// <summary>One key for both placeholders, so that Fix All gives each listener the one its reply type allows.</summary>
    private const string EquivalenceKey = nameof(AddReturnValueCodeFixProvider);

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.SyncListenerNeverSetsReturnValue);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            Placeholder placeholder = diagnostic.Properties.TryGetValue(ListenerAnalyzer.ReplyAllowsDefaultProperty, out string? allowsDefault) && allowsDefault == "true"
                ? Placeholder.DefaultReply
                : Placeholder.NotImplemented;
            string title = placeholder == Placeholder.DefaultReply ? DefaultReplyTitle : ThrowingPlaceholderTitle;
            SyntaxNode listener = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (listener is ArgumentSyntax argument)
            {
                listener = argument.Expression;
            }

            AnonymousFunctionExpressionSyntax? function = listener.AncestorsAndSelf().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault();
            if (function is not null && function.Span == diagnostic.Location.SourceSpan)
            {
                if (function.AsyncKeyword.IsKind(SyntaxKind.None))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(title, ct => FixLambdaAsync(context.Document, root, function, placeholder), EquivalenceKey),
                        diagnostic);
                }

                continue;
            }

            SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            SymbolInfo symbolInfo = model?.GetSymbolInfo(listener, context.CancellationToken) ?? default;
            if ((symbolInfo.Symbol ?? symbolInfo.CandidateSymbols.FirstOrDefault()) is IMethodSymbol { IsAsync: false } method
                && method.DeclaringSyntaxReferences.Length == 1
                && method.DeclaringSyntaxReferences[0].SyntaxTree == root.SyntaxTree
                && method.DeclaringSyntaxReferences[0].GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration
                && method.Parameters.Length > 0)
            {
                string eventName = method.Parameters[0].Name;
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => FixMethodAsync(context.Document, root, declaration, eventName, placeholder), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>What the fix ends the listener with.</summary>
    private enum Placeholder
    {
        /// <summary><c>e.ReturnValue = default;</c>, a reply the type allows.</summary>
        DefaultReply,

        /// <summary><c>throw new NotImplementedException(…);</c>, where <c>default</c> would be a forbidden null.</summary>
        NotImplemented,
    }

    private static Task<Document> FixLambdaAsync(Document document, SyntaxNode root, AnonymousFunctionExpressionSyntax function, Placeholder placeholder)
    {
        ParameterSyntax? eventParameter = function switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter,
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ParameterList.Parameters.FirstOrDefault(),
            AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList?.Parameters.FirstOrDefault(),
            _ => null,
        };
        if (eventParameter is null)
        {
            return Task.FromResult(document);
        }

        // A discarded event gets a name so that the reply can be set through it.
        string eventName = eventParameter.Identifier.ValueText;
        AnonymousFunctionExpressionSyntax updated = function;
        if (eventName == "_")
        {
            eventName = FreeName(function, "e");
            updated = updated.ReplaceNode(
                eventParameter,
                eventParameter.WithIdentifier(SyntaxFactory.Identifier(eventName).WithTriviaFrom(eventParameter.Identifier)));
        }

        string newLine = NewLineOf(root);
        string indent = IndentationOf(function);
        if (updated.Body is BlockSyntax block)
        {
            updated = updated.WithBody(AppendReply(block, PlaceholderStatement(eventName, placeholder, UsesSystem(root)), newLine));
        }
        else if (updated is LambdaExpressionSyntax { ExpressionBody: { } expression } lambda)
        {
            updated = lambda
                .WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)))
                .WithExpressionBody(null)
                .WithBlock(BlockOf(expression, PlaceholderStatement(eventName, placeholder, UsesSystem(root)), indent, newLine));
        }

        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(function, updated)));
    }

    private static Task<Document> FixMethodAsync(Document document, SyntaxNode root, MethodDeclarationSyntax method, string eventName, Placeholder placeholder)
    {
        StatementSyntax reply = PlaceholderStatement(eventName, placeholder, UsesSystem(root));
        string newLine = NewLineOf(root);
        MethodDeclarationSyntax updated = method;
        if (method.Body is { } body)
        {
            updated = method.WithBody(AppendReply(body, reply, newLine));
        }
        else if (method.ExpressionBody is { } arrow)
        {
            string indent = IndentationOf(method);
            updated = method
                .WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)))
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(BlockOf(arrow.Expression, reply, indent, newLine).WithTrailingTrivia(method.SemicolonToken.TrailingTrivia));
        }

        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(method, updated)));
    }

    /// <summary>An expression body as a block, laid out one statement per line at <paramref name="indent"/>.</summary>
    private static BlockSyntax BlockOf(ExpressionSyntax expression, StatementSyntax reply, string indent, string newLine)
    {
        SyntaxTriviaList inner = SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indent + "    "));
        SyntaxTriviaList endOfLine = SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(newLine));
        return SyntaxFactory.Block(
                SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indent)), SyntaxKind.OpenBraceToken, endOfLine),
                SyntaxFactory.List(new StatementSyntax[]
                {
                    SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()).WithLeadingTrivia(inner).WithTrailingTrivia(endOfLine),
                    reply.WithLeadingTrivia(inner).WithTrailingTrivia(endOfLine),
                }),
                SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indent)), SyntaxKind.CloseBraceToken, expression.GetTrailingTrivia()));
    }

    /// <summary>
    /// Appends the reply laid out like its neighbours: before a final <c>return;</c> if the block ends with one, or in its
    /// place when the reply is a <c>throw</c> (the <c>return;</c> would be unreachable).
    /// </summary>
    private static BlockSyntax AppendReply(BlockSyntax block, StatementSyntax reply, string newLine)
    {
        SyntaxList<StatementSyntax> statements = block.Statements;
        if (reply is ThrowStatementSyntax && statements.Count > 0 && statements.Last() is ReturnStatementSyntax { Expression: null } finalReturn)
        {
            statements = statements.Remove(finalReturn);
        }

        int index = statements.Count > 0 && statements.Last() is ReturnStatementSyntax { Expression: null } ? statements.Count - 1 : statements.Count;
        if (statements.Count > 0)
        {
            StatementSyntax neighbour = statements[index > 0 ? index - 1 : index];
            SyntaxTriviaList leading = neighbour.GetLeadingTrivia();
            bool multiLine = neighbour.GetTrailingTrivia().Any(SyntaxKind.EndOfLineTrivia);
            reply = multiLine
                ? reply.WithLeadingTrivia(IndentationOnly(leading)).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine))
                : reply.WithTrailingTrivia(SyntaxFactory.Space);
        }
        else if (block.OpenBraceToken.TrailingTrivia.Any(SyntaxKind.EndOfLineTrivia))
        {
            string indent = IndentationOnly(block.CloseBraceToken.LeadingTrivia).ToFullString();
            reply = reply.WithLeadingTrivia(SyntaxFactory.Whitespace(indent + "    ")).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
        }
        else
        {
            reply = reply.WithTrailingTrivia(SyntaxFactory.Space);
            if (block.OpenBraceToken.TrailingTrivia.Count == 0)
            {
                reply = reply.WithLeadingTrivia(SyntaxFactory.Space);
            }
        }

        return block.WithStatements(statements.Insert(index, reply));
    }

    private static StatementSyntax PlaceholderStatement(string eventName, Placeholder placeholder, bool usesSystem) => placeholder == Placeholder.DefaultReply
        ? SyntaxFactory.ParseStatement(eventName + ".ReturnValue = default;").WithoutTrivia()
        : SyntaxFactory.ParseStatement(
            "throw new " + (usesSystem ? string.Empty : "System.") + "NotImplementedException("
            + SymbolDisplay.FormatLiteral("Set " + eventName + ".ReturnValue to the reply.", quote: true) + ");").WithoutTrivia();

    /// <summary>Whether this file imports <c>System</c>, so the placeholder can name the exception simply (otherwise it is qualified).</summary>
    private static bool UsesSystem(SyntaxNode root) =>
        root.DescendantNodes(static node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or UsingDirectiveSyntax)
            .OfType<UsingDirectiveSyntax>()
            .Any(static directive => directive.Alias is null && directive.StaticKeyword.IsKind(SyntaxKind.None) && directive.Name?.ToString() == "System");

    /// <summary>The whitespace that starts the line <paramref name="node"/> starts on.</summary>
    private static string IndentationOf(SyntaxNode node)
    {
        SyntaxToken first = node.GetFirstToken();
        SourceText text = node.SyntaxTree.GetText();
        TextLine line = text.Lines.GetLineFromPosition(first.SpanStart);
        string content = line.ToString();
        int length = 0;
        while (length < content.Length && char.IsWhiteSpace(content[length]))
        {
            length++;
        }

        return content.Substring(0, length);
    }

    private static SyntaxTriviaList IndentationOnly(SyntaxTriviaList trivia) =>
        trivia.Count > 0 && trivia.Last().IsKind(SyntaxKind.WhitespaceTrivia) ? SyntaxFactory.TriviaList(trivia.Last()) : SyntaxFactory.TriviaList();

    private static string NewLineOf(SyntaxNode root)
    {
        SyntaxTrivia endOfLine = root.DescendantTrivia().FirstOrDefault(static t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine.ToFullString() : "\n";
    }

    private static string FreeName(SyntaxNode scope, string preferred)
    {
        var used = scope.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText).ToImmutableHashSet();
        string name = preferred;
        for (int i = 2; used.Contains(name); i++)
        {
            name = preferred + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
