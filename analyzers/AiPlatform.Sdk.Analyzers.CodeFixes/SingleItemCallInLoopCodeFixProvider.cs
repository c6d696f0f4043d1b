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
using Microsoft.CodeAnalysis.Formatting;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Fixes AIP2002 where the batch form is an overload of the same name and the loop does nothing else:
/// <c>foreach (var doc in docs) await c.UpsertAsync(doc);</c> becomes <c>await c.UpsertAsync(docs);</c>, and a projection of the
/// loop variable becomes a <c>Select</c> over the collection.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SingleItemCallInLoopCodeFixProvider)), Shared]
public sealed class SingleItemCallInLoopCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SingleItemCallInLoop);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null || model == null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics.Where(d => d.Properties.ContainsKey(SingleItemCallInLoopAnalyzer.OverloadProperty)))
        {
            if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf()
                    .OfType<InvocationExpressionSyntax>().FirstOrDefault() is InvocationExpressionSyntax invocation) ||
                !(Batched(invocation, model, context.CancellationToken) is (ForEachStatementSyntax loop, StatementSyntax batched)))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Call the batch overload once",
                    c => Task.FromResult(context.Document.WithSyntaxRoot(AddLinq(root.ReplaceNode(loop, batched), batched))),
                    nameof(SingleItemCallInLoopCodeFixProvider)),
                diagnostic);
        }
    }

    // The loop and the one statement that replaces it, or null when the loop does more than the call.
    private static (ForEachStatementSyntax, StatementSyntax)? Batched(InvocationExpressionSyntax invocation, SemanticModel model, CancellationToken cancellationToken)
    {
        var statement = invocation.FirstAncestorOrSelf<StatementSyntax>();
        var loop = statement?.Parent is BlockSyntax { Statements.Count: 1 } block ? block.Parent as ForEachStatementSyntax : statement?.Parent as ForEachStatementSyntax;
        if (statement == null || loop == null || loop.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword) ||
            !(statement is ExpressionStatementSyntax expression) ||
            !(expression.Expression == invocation || (expression.Expression is AwaitExpressionSyntax awaited && awaited.Expression == invocation)) ||
            invocation.ArgumentList.Arguments.Any(a => a.NameColon != null) ||
            !(model.GetDeclaredSymbol(loop, cancellationToken) is ILocalSymbol item))
        {
            return null;
        }

        bool Uses(SyntaxNode node) => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Any(n => n.Identifier.ValueText == item.Name && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n, cancellationToken).Symbol, item));
        var uses = invocation.ArgumentList.Arguments.Where(a => Uses(a)).ToList();
        if (uses.Count != 1 || Uses(invocation.Expression))
        {
            return null;
        }

        var argument = uses[0];
        var collection = loop.Expression.WithoutTrivia();
        ExpressionSyntax many = argument.Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && name == item.Name
            ? collection
            : SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, collection, SyntaxFactory.IdentifierName("Select")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                    SyntaxFactory.SimpleLambdaExpression(SyntaxFactory.Parameter(loop.Identifier.WithoutTrivia()), argument.Expression.WithoutTrivia())))));
        var batched = statement.ReplaceNode(argument.Expression, many)
            .WithLeadingTrivia(loop.GetLeadingTrivia())
            .WithTrailingTrivia(loop.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        return (loop, batched);
    }

    private static SyntaxNode AddLinq(SyntaxNode root, StatementSyntax batched)
    {
        if (!(root is CompilationUnitSyntax unit) || !batched.ToString().Contains(".Select(") ||
            unit.Usings.Any(u => u.Name?.ToString() == "System.Linq"))
        {
            return root;
        }

        return unit.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.ParseName("System.Linq")).WithAdditionalAnnotations(Formatter.Annotation));
    }
}
