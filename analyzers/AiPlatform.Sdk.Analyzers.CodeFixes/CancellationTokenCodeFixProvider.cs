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

/// <summary>Fixes AIP1007 by passing the token in scope: by position when it follows the given arguments, otherwise by name.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CancellationTokenCodeFixProvider)), Shared]
public sealed class CancellationTokenCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CancellationTokenNotPassed);

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
            if (!diagnostic.Properties.TryGetValue(CancellationTokenNotPassedAnalyzer.TokenProperty, out var token) || token == null ||
                !(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf()
                    .OfType<InvocationExpressionSyntax>().FirstOrDefault() is InvocationExpressionSyntax invocation))
            {
                continue;
            }

            diagnostic.Properties.TryGetValue(CancellationTokenNotPassedAnalyzer.ParameterNameProperty, out var parameterName);
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Pass '" + token + "'",
                    c => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(invocation, PassToken(invocation, token, parameterName)))),
                    nameof(CancellationTokenCodeFixProvider)),
                diagnostic);
        }
    }

    private static InvocationExpressionSyntax PassToken(InvocationExpressionSyntax invocation, string token, string? parameterName)
    {
        var argument = SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token));
        if (!string.IsNullOrEmpty(parameterName))
        {
            argument = argument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(parameterName!)));
        }

        var arguments = invocation.ArgumentList.Arguments;
        var separator = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
        var list = SyntaxFactory.SeparatedList(arguments.Concat(new[] { argument }), arguments.GetSeparators().Concat(arguments.Count > 0 ? new[] { separator } : new SyntaxToken[0]));
        return invocation.WithArgumentList(invocation.ArgumentList.WithArguments(list));
    }
}
