using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Ipc.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Ipc.CodeFixes;

/// <summary>
/// IPC0001: adds <c>e.ReturnValue = default;</c> as the listener's last statement, turning an expression body into a
/// block. <c>default</c> is the one placeholder that compiles for every reply type (the typed <c>ReturnValue</c> is
/// nullable) and makes <c>SendSync</c> return its type's default instead of throwing <c>IpcNoReplyException</c>;
/// the developer then replaces it with the real reply. Not offered for async listeners, where the end of the
/// listener runs after its awaits (IPC0003), nor for listeners declared in another file.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddReturnValueCodeFixProvider))]
[Shared]
public sealed class AddReturnValueCodeFixProvider : CodeFixProvider
{
    private const string Title = "Set ReturnValue at the end of the listener";

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
                        CodeAction.Create(Title, ct => FixLambdaAsync(context.Document, root, function), Title),
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
                    CodeAction.Create(Title, ct => FixMethodAsync(context.Document, root, declaration, eventName), Title),
                    diagnostic);
            }
        }
    }

    private static Task<Document> FixLambdaAsync(Document document, SyntaxNode root, AnonymousFunctionExpressionSyntax function)
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
            updated = updated.WithBody(AppendReply(block, eventName, newLine));
        }
        else if (updated is LambdaExpressionSyntax { ExpressionBody: { } expression } lambda)
        {
            updated = lambda
                .WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)))
                .WithExpressionBody(null)
                .WithBlock(BlockOf(expression, eventName, indent, newLine));
        }

        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(function, updated)));
    }

    private static Task<Document> FixMethodAsync(Document document, SyntaxNode root, MethodDeclarationSyntax method, string eventName)
    {
        string newLine = NewLineOf(root);
        MethodDeclarationSyntax updated = method;
        if (method.Body is { } body)
        {
            updated = method.WithBody(AppendReply(body, eventName, newLine));
        }
        else if (method.ExpressionBody is { } arrow)
        {
            string indent = IndentationOf(method);
            updated = method
                .WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)))
                .WithExpressionBody(null)
                .WithSemicolonToken(default)
                .WithBody(BlockOf(arrow.Expression, eventName, indent, newLine).WithTrailingTrivia(method.SemicolonToken.TrailingTrivia));
        }

        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(method, updated)));
    }

    /// <summary>An expression body as a block, laid out one statement per line at <paramref name="indent"/>.</summary>
    private static BlockSyntax BlockOf(ExpressionSyntax expression, string eventName, string indent, string newLine)
    {
        SyntaxTriviaList inner = SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indent + "    "));
        SyntaxTriviaList endOfLine = SyntaxFactory.TriviaList(SyntaxFactory.EndOfLine(newLine));
        return SyntaxFactory.Block(
                SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indent)), SyntaxKind.OpenBraceToken, endOfLine),
                SyntaxFactory.List(new StatementSyntax[]
                {
                    SyntaxFactory.ExpressionStatement(expression.WithoutTrivia()).WithLeadingTrivia(inner).WithTrailingTrivia(endOfLine),
                    ReplyStatement(eventName).WithLeadingTrivia(inner).WithTrailingTrivia(endOfLine),
                }),
                SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(indent)), SyntaxKind.CloseBraceToken, expression.GetTrailingTrivia()));
    }

    /// <summary>Appends the reply, before a final <c>return;</c> if the block ends with one, laid out like its neighbours.</summary>
    private static BlockSyntax AppendReply(BlockSyntax block, string eventName, string newLine)
    {
        SyntaxList<StatementSyntax> statements = block.Statements;
        int index = statements.Count > 0 && statements.Last() is ReturnStatementSyntax { Expression: null } ? statements.Count - 1 : statements.Count;
        StatementSyntax reply = ReplyStatement(eventName);
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

    private static StatementSyntax ReplyStatement(string eventName) =>
        SyntaxFactory.ParseStatement(eventName + ".ReturnValue = default;").WithoutTrivia();

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
