using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// The base of a code fix that rewrites one node per diagnostic: it finds the innermost <typeparamref name="TNode"/> around the
/// diagnostic's span, asks the fix for the node's replacement, and offers it (fix all included, in batches).
/// </summary>
/// <typeparam name="TNode">The kind of node the fix rewrites.</typeparam>
public abstract class NodeReplacementCodeFixProvider<TNode> : CodeFixProvider
    where TNode : SyntaxNode
{
    /// <inheritdoc/>
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<TNode>().FirstOrDefault() is TNode node &&
                Rewrite(diagnostic, node) is (string title, SyntaxNode replacement))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(title, c => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(node, replacement))), GetType().Name),
                    diagnostic);
            }
        }
    }

    /// <summary>The fix's title and the node that replaces <paramref name="node"/>, or null when the diagnostic has no mechanical fix.</summary>
    private protected abstract (string Title, SyntaxNode Replacement)? Rewrite(Diagnostic diagnostic, TNode node);
}
