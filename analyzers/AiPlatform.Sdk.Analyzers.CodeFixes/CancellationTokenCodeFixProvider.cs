using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>Fixes AIP1007 by passing the token in scope: by position when it follows the given arguments, otherwise by name.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(CancellationTokenCodeFixProvider)), Shared]
public sealed class CancellationTokenCodeFixProvider : NodeReplacementCodeFixProvider<InvocationExpressionSyntax>
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.CancellationTokenNotPassed);

    /// <inheritdoc/>
    private protected override (string Title, SyntaxNode Replacement)? Rewrite(Diagnostic diagnostic, InvocationExpressionSyntax invocation)
    {
        if (!diagnostic.Properties.TryGetValue(CancellationTokenNotPassedAnalyzer.TokenProperty, out var token) || token == null)
        {
            return null;
        }

        diagnostic.Properties.TryGetValue(CancellationTokenNotPassedAnalyzer.ParameterNameProperty, out var parameterName);
        return ("Pass '" + token + "'", PassToken(invocation, token, parameterName));
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
