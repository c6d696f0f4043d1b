using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Fixes AIP1008 and AIP1010 by declaring the local with <c>await using</c>: <c>var run = await tracker.StartRunAsync(...)</c> becomes
/// <c>await using var run = await tracker.StartRunAsync(...)</c>, so the run ends when the local goes out of scope.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndisposedRunScopeCodeFixProvider)), Shared]
public sealed class UndisposedRunScopeCodeFixProvider : NodeReplacementCodeFixProvider<LocalDeclarationStatementSyntax>
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.UndisposedRunScope, DiagnosticIds.UndisposedObjectContent);

    /// <inheritdoc/>
    private protected override (string Title, SyntaxNode Replacement)? Rewrite(Diagnostic diagnostic, LocalDeclarationStatementSyntax statement)
    {
        if (!diagnostic.Properties.ContainsKey(UndisposedRunScopeAnalyzer.FixableProperty) || statement.UsingKeyword != default)
        {
            return null;
        }

        var leading = statement.GetLeadingTrivia();
        var awaitUsing = statement.WithoutLeadingTrivia()
            .WithAwaitKeyword(SyntaxFactory.Token(leading, SyntaxKind.AwaitKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(SyntaxFactory.Space));
        return ("Declare with 'await using'", awaitUsing);
    }
}
