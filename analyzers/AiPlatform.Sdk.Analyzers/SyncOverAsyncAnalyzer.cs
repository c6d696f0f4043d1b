using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP1006: <c>.Result</c>, <c>.Wait()</c> or <c>.GetAwaiter().GetResult()</c> on the task of an SDK call blocks a thread for
/// the whole remote call (and deadlocks under a synchronization context); await it instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SyncOverAsyncAnalyzer : AiPlatformAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.SyncOverAsync,
        "Do not block on AiPlatform SDK calls",
        "'{0}' blocks on the task returned by '{1}'; await it instead",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Every SDK call is asynchronous I/O. Blocking on it holds a thread-pool thread for the whole call, starves the pool under load and deadlocks where a synchronization context exists.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SyncOverAsync));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterSyntaxNodeAction(AnalyzeMemberAccess, SyntaxKind.SimpleMemberAccessExpression);
        context.RegisterSyntaxNodeAction(AnalyzeInvocation, SyntaxKind.InvocationExpression);
    }

    /// <summary>The expression whose task is blocked on: <c>X</c> of <c>X.Result</c>, <c>X.Wait()</c>, <c>X.GetAwaiter().GetResult()</c>.</summary>
    internal static ExpressionSyntax? BlockedTask(SyntaxNode node)
    {
        switch (node)
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result:
                return result.Expression;
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait }:
                return wait.Expression;
            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } awaiter },
                },
            }:
                return awaiter.Expression;
            default:
                return null;
        }
    }

    private static void AnalyzeMemberAccess(SyntaxNodeAnalysisContext context)
    {
        var access = (MemberAccessExpressionSyntax)context.Node;
        if (access.Name.Identifier.ValueText == "Result" &&
            context.SemanticModel.GetSymbolInfo(access, context.CancellationToken).Symbol is IPropertySymbol property &&
            SdkSymbols.IsTask(property.ContainingType))
        {
            Report(context, access, access.Expression, ".Result");
        }
    }

    private static void AnalyzeInvocation(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (!(invocation.Expression is MemberAccessExpressionSyntax access) ||
            !(access.Name.Identifier.ValueText is "Wait" or "GetResult") ||
            !(BlockedTask(invocation) is ExpressionSyntax task) ||
            !(context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method))
        {
            return;
        }

        var blocks = method.Name == "Wait"
            ? SdkSymbols.IsTask(method.ContainingType)
            : method.ContainingType.Name.EndsWith("Awaiter", System.StringComparison.Ordinal) &&
              method.ContainingType.ContainingNamespace?.ToDisplayString() == "System.Runtime.CompilerServices";
        if (blocks)
        {
            Report(context, invocation, task, method.Name == "Wait" ? ".Wait()" : ".GetAwaiter().GetResult()");
        }
    }

    private static void Report(SyntaxNodeAnalysisContext context, ExpressionSyntax node, ExpressionSyntax task, string how)
    {
        if (SdkCall(context.SemanticModel, task, context.CancellationToken) is IMethodSymbol method)
        {
            context.ReportDiagnostic(Diagnostic.Create(Rule, node.GetLocation(), how, method.Name));
        }
    }

    // The SDK method whose task this is: Call(), (Call()), Call().ConfigureAwait(false).
    private static IMethodSymbol? SdkCall(SemanticModel model, ExpressionSyntax task, System.Threading.CancellationToken cancellationToken)
    {
        while (true)
        {
            while (task is ParenthesizedExpressionSyntax parenthesized)
            {
                task = parenthesized.Expression;
            }

            if (!(task is InvocationExpressionSyntax invocation) ||
                !(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method))
            {
                return null;
            }

            if (method.Name == "ConfigureAwait" && SdkSymbols.IsTask(method.ContainingType) &&
                invocation.Expression is MemberAccessExpressionSyntax configured)
            {
                task = configured.Expression;
                continue;
            }

            return SdkSymbols.IsSdkMethod(method) && SdkSymbols.IsTask(method.ReturnType) ? method : null;
        }
    }
}
