using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Fixes AIP1001 by taking the secret out of the code and leaving it to configuration. With an <c>IConfiguration</c> in scope
/// the literal becomes a read of the setting's key (<c>configuration["AiPlatform:Identity:ClientSecret"]</c>); otherwise the
/// assignment is removed (a statement in a block, or a member of an object initializer), so the value bound from configuration
/// stays. Either way a comment above the statement gives the <c>dotnet user-secrets set</c> command and the environment variable,
/// with a placeholder where the value goes: the secret itself is never copied.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HardCodedSecretCodeFixProvider)), Shared]
public sealed class HardCodedSecretCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.HardCodedSecret);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) => await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null || model == null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic) is SecretFix fix)
            {
                var document = context.Document;
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, c => FixAsync(document, ImmutableArray.Create(diagnostic), c), nameof(HardCodedSecretCodeFixProvider)),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root == null || model == null)
        {
            return document;
        }

        var fixes = diagnostics.Select(d => Plan(root, model, d)).OfType<SecretFix>().ToList();
        var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var newLine = endOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? endOfLine : SyntaxFactory.LineFeed;
        var newRoot = root.TrackNodes(fixes.Select(f => f.Assignment));
        foreach (var fix in fixes)
        {
            newRoot = fix.Apply(newRoot, newLine);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    private static SecretFix? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(HardCodedSecretAnalyzer.KeyProperty, out var key) || key == null ||
            !(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault() is AssignmentExpressionSyntax assignment))
        {
            return null;
        }

        var fix = new SecretFix(assignment, key, ConfigurationInScope.Find(model, assignment.SpanStart));
        return fix.Configuration != null || fix.CanRemove ? fix : null;
    }

    /// <summary>The fix of one assignment: the key it is bound from, and the configuration to read it from, if any.</summary>
    private sealed class SecretFix
    {
        public SecretFix(AssignmentExpressionSyntax assignment, string key, ExpressionSyntax? configuration)
        {
            Assignment = assignment;
            Key = key;
            Configuration = configuration;
            CanRemove = assignment.Parent is InitializerExpressionSyntax ||
                        (assignment.Parent is ExpressionStatementSyntax statement && (statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax));
        }

        public AssignmentExpressionSyntax Assignment { get; }

        public string Key { get; }

        public ExpressionSyntax? Configuration { get; }

        /// <summary>Whether the assignment can go: a member of an object initializer, or a statement of a block or of top-level code.</summary>
        public bool CanRemove { get; }

        public string Title => Configuration != null
            ? "Read '" + Key + "' from " + Configuration
            : "Remove the secret and set '" + Key + "' with dotnet user-secrets";

        private string Hint =>
            "// Set outside the code: dotnet user-secrets set \"" + Key + "\" \"<value>\", or the environment variable " + Key.Replace(":", "__");

        public SyntaxNode Apply(SyntaxNode root, SyntaxTrivia newLine)
        {
            var assignment = root.GetCurrentNode(Assignment)!;
            if (Configuration == null && assignment.Parent is ExpressionStatementSyntax)
            {
                // The comment takes the statement's place: its leading trivia, and the comment, move to the next token.
                var statement = StatementOf(assignment);
                root = root.ReplaceNode(statement, statement.WithLeadingTrivia(statement.GetLeadingTrivia().Add(SyntaxFactory.Comment(Hint)).Add(newLine)));
                return root.RemoveNode(StatementOf(root.GetCurrentNode(Assignment)!), SyntaxRemoveOptions.KeepLeadingTrivia)!;
            }

            var anchor = assignment.Ancestors().First(n => n is StatementSyntax || n is MemberDeclarationSyntax);
            var changed = Configuration != null
                ? anchor.ReplaceNode(assignment.Right, ReadConfiguration().WithTriviaFrom(assignment.Right))
                : anchor.ReplaceNode(assignment.Parent!, RemoveFromInitializer((InitializerExpressionSyntax)assignment.Parent!, assignment));
            var leading = changed.GetLeadingTrivia();
            var indentation = leading.Count > 0 && leading.Last().IsKind(SyntaxKind.WhitespaceTrivia) ? leading.Last() : SyntaxFactory.Whitespace(string.Empty);
            return root.ReplaceNode(anchor, changed.WithLeadingTrivia(leading.Add(SyntaxFactory.Comment(Hint)).Add(newLine).Add(indentation)));
        }

        private static SyntaxNode StatementOf(AssignmentExpressionSyntax assignment) =>
            assignment.Parent!.Parent is GlobalStatementSyntax global ? global : assignment.Parent!;

        private static InitializerExpressionSyntax RemoveFromInitializer(InitializerExpressionSyntax initializer, AssignmentExpressionSyntax assignment) =>
            initializer.WithExpressions(initializer.Expressions.Remove(assignment));

        private ElementAccessExpressionSyntax ReadConfiguration() =>
            SyntaxFactory.ElementAccessExpression(
                Configuration!,
                SyntaxFactory.BracketedArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(Key))))));
    }
}
