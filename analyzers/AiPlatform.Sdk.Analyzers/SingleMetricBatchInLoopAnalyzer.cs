using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP2003: <c>IExperimentTracker.LogBatchAsync</c> called once per loop iteration with a one-metric batch written in place
/// (<c>[metric]</c>, <c>new[] { metric }</c>, <c>new List&lt;Metric&gt; { metric }</c>). Each call is a request to the tracking
/// server (and a lock of the embedded store); collect the metrics and log them in one batch after the loop, or log them with
/// <c>ActiveRun.LogMetric</c>, which buffers them and sends them in batches. AIP2002 does not cover it: the call is already the batch form.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SingleMetricBatchInLoopAnalyzer : InvocationAnalyzer
{
    private const string TrackerType = "AiPlatform.Sdk.Training.Tracking.IExperimentTracker";

    internal static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.SingleMetricBatchInLoop,
        "Log metrics in a batch",
        "'{0}' sends one metric per loop iteration; collect the metrics and log them in one batch after the loop, or log them with ActiveRun.LogMetric",
        "Performance",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Each LogBatchAsync call is a request to the tracking server. A training loop that logs one metric per call pays a round trip per step; one batch (up to 1000 metrics a request), or a run scope that buffers metrics, pays it once.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SingleMetricBatchInLoop));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override void Analyze(OperationAnalysisContext context, IInvocationOperation operation)
    {
        var method = operation.TargetMethod;
        if (method.Name != "LogBatchAsync" || !IsTracker(method.ContainingType) ||
            !(operation.Syntax is InvocationExpressionSyntax invocation) || !SdkSymbols.IsInsideLoop(invocation))
        {
            return;
        }

        var metrics = operation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "metrics");
        if (metrics == null || metrics.ArgumentKind != ArgumentKind.Explicit || !IsOneItem(ValueSyntax(metrics)))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetLocation(), method.Name));
    }

    // The expression passed, under the implicit conversion to IReadOnlyList<Metric>.
    private static SyntaxNode ValueSyntax(IArgumentOperation argument)
    {
        var value = argument.Value;
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value.Syntax is ArgumentSyntax syntax ? syntax.Expression : value.Syntax;
    }

    private static bool IsTracker(INamedTypeSymbol? type) =>
        type != null && (type.ToDisplayString() == TrackerType || type.AllInterfaces.Any(i => i.ToDisplayString() == TrackerType));

    // A collection of exactly one element written in place: [m], new[] { m }, new Metric[] { m }, new List<Metric> { m }.
    private static bool IsOneItem(SyntaxNode expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression switch
        {
            CollectionExpressionSyntax collection => collection.Elements.Count == 1 && collection.Elements[0] is ExpressionElementSyntax,
            ImplicitArrayCreationExpressionSyntax array => array.Initializer.Expressions.Count == 1,
            ArrayCreationExpressionSyntax array => array.Initializer?.Expressions.Count == 1,
            BaseObjectCreationExpressionSyntax created =>
                created.Initializer is InitializerExpressionSyntax initializer && initializer.IsKind(SyntaxKind.CollectionInitializerExpression) &&
                initializer.Expressions.Count == 1 && (created.ArgumentList == null || created.ArgumentList.Arguments.Count == 0),
            _ => false,
        };
    }
}
