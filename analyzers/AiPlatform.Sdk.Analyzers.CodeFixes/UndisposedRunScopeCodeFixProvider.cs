using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Fixes AIP1008 by declaring the local with <c>await using</c>: <c>var run = await tracker.StartRunAsync(...)</c> becomes
/// <c>await using var run = await tracker.StartRunAsync(...)</c>, so the run ends when the local goes out of scope.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndisposedRunScopeCodeFixProvider)), Shared]
public sealed class UndisposedRunScopeCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UndisposedRunScope);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(UndisposedRunScopeAnalyzer.FixableProperty) ||
                !(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf()
                    .OfType<LocalDeclarationStatementSyntax>().FirstOrDefault() is LocalDeclarationStatementSyntax statement) ||
                statement.UsingKeyword != default)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Declare with 'await using'",
                    c => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(statement, AwaitUsing(statement)))),
                    nameof(UndisposedRunScopeCodeFixProvider)),
                diagnostic);
        }
    }

    private static LocalDeclarationStatementSyntax AwaitUsing(LocalDeclarationStatementSyntax statement)
    {
        var leading = statement.GetLeadingTrivia();
        var stripped = statement.WithoutLeadingTrivia();
        return stripped
            .WithAwaitKeyword(SyntaxFactory.Token(leading, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
    }
}
