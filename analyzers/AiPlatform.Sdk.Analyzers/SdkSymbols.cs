using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>What the rules ask of symbols and syntax: is this the SDK's, is this a task, is this inside a loop.</summary>
internal static class SdkSymbols
{
    /// <summary>Whether a method is declared by a type of the SDK (<c>AiPlatform.Sdk</c> or a namespace below it), extension methods included.</summary>
    public static bool IsSdkMethod(IMethodSymbol method)
    {
        var declaring = (method.ReducedFrom ?? method).ContainingType;
        return declaring != null && IsSdkNamespace(declaring.ContainingNamespace);
    }

    public static bool IsSdkNamespace(INamespaceSymbol? ns)
    {
        var name = ns?.ToDisplayString() ?? string.Empty;
        return name == "AiPlatform.Sdk" || name.StartsWith("AiPlatform.Sdk.", System.StringComparison.Ordinal);
    }

    /// <summary>Whether a type is <c>Task</c>, <c>Task&lt;T&gt;</c>, <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    public static bool IsTask(ITypeSymbol? type) =>
        type is INamedTypeSymbol named &&
        (named.Name == "Task" || named.Name == "ValueTask") &&
        named.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";

    public static bool IsCancellationToken(ITypeSymbol? type) =>
        type != null && type.Name == "CancellationToken" && type.ContainingNamespace?.ToDisplayString() == "System.Threading";

    /// <summary>Whether a node runs once per iteration of a loop of its own function (a lambda or local function ends the search).</summary>
    public static bool IsInsideLoop(SyntaxNode node)
    {
        for (var parent = node.Parent; parent != null; parent = parent.Parent)
        {
            switch (parent)
            {
                case ForEachStatementSyntax forEach when !forEach.Expression.Span.Contains(node.Span):
                case ForStatementSyntax _:
                case WhileStatementSyntax _:
                case DoStatementSyntax _:
                    return true;
                case LambdaExpressionSyntax _:
                case AnonymousMethodExpressionSyntax _:
                case LocalFunctionStatementSyntax _:
                case MemberDeclarationSyntax _:
                    return false;
            }
        }

        return false;
    }
}
