using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP2004: every result of an SDK list or search call (<see cref="PagingCalls"/>) is collected without a bound: by
/// <c>ToListAsync()</c>/<c>ToArrayAsync()</c> (or <c>ToDictionaryAsync</c>, <c>ToHashSetAsync</c>, <c>ToLookupAsync</c>), or by an
/// <c>await foreach</c> that adds each item to a collection and never leaves the loop early. The stream fetches pages on demand;
/// collecting it fetches every page the server has and holds every item at once.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnboundedPageStreamAnalyzer : AiPlatformAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.UnboundedPageStream,
        "Bound the results of AiPlatform list and search calls",
        "'{0}' pages through every result and {1} keeps them all in memory; take a bounded number with Take(n), or handle the items as they arrive",
        "Performance",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "List and search calls of the SDK fetch the server's pages on demand. Collecting the whole stream requests every page and holds every item, however many the server has; a bound stops after the pages it needs.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.UnboundedPageStream));

    private static readonly ImmutableHashSet<string> Materializers = ImmutableHashSet.Create(
        "ToListAsync", "ToArrayAsync", "ToDictionaryAsync", "ToHashSetAsync", "ToLookupAsync");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        context.RegisterOperationAction(AnalyzeLoop, OperationKind.Loop);
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (Materializers.Contains(method.Name) && PagingCalls.IsAsyncEnumerableOperator(method) &&
            PagingCalls.UnboundedSource(invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value) is IInvocationOperation paging)
        {
            Report(context, paging, "'" + method.Name + "'");
        }
    }

    private static void AnalyzeLoop(OperationAnalysisContext context)
    {
        if (context.Operation is IForEachLoopOperation { IsAsynchronous: true } loop &&
            loop.Syntax is ForEachStatementSyntax statement && !LeavesEarly(statement) && AddsEachItem(loop) &&
            PagingCalls.UnboundedSource(loop.Collection) is IInvocationOperation paging)
        {
            Report(context, paging, "the 'await foreach' that adds each item to a collection");
        }
    }

    private static void Report(OperationAnalysisContext context, IInvocationOperation paging, string collector) =>
        context.ReportDiagnostic(Diagnostic.Create(Rule, paging.Syntax.GetLocation(), paging.TargetMethod.Name, collector));

    // An Add of a collection (List<T>, HashSet<T>, Dictionary<K, V>, ...) that is given the loop variable.
    private static bool AddsEachItem(IForEachLoopOperation loop) =>
        loop.Body.Descendants().OfType<IInvocationOperation>().Any(call =>
            call.TargetMethod.Name == "Add" && IsCollection(call.TargetMethod.ContainingType) &&
            call.Arguments.Any(a => a.Value.DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(l => loop.Locals.Contains(l.Local, SymbolEqualityComparer.Default))));

    private static bool IsCollection(INamedTypeSymbol? type) =>
        type != null && (IsGenericCollection(type) || type.AllInterfaces.Any(IsGenericCollection));

    private static bool IsGenericCollection(INamedTypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.ICollection<T>";

    // A break out of this loop, a return, a throw, a goto or a yield break: the loop may stop before the stream ends.
    private static bool LeavesEarly(ForEachStatementSyntax loop) =>
        loop.Statement.DescendantNodesAndSelf(n => !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax)).Any(node => node switch
        {
            BreakStatementSyntax exit => exit.Ancestors().FirstOrDefault(IsBreakable) == loop,
            ReturnStatementSyntax _ or ThrowStatementSyntax _ or ThrowExpressionSyntax _ or GotoStatementSyntax _ => true,
            YieldStatementSyntax yield => yield.IsKind(SyntaxKind.YieldBreakStatement),
            _ => false,
        });

    private static bool IsBreakable(SyntaxNode node) =>
        node is CommonForEachStatementSyntax || node is ForStatementSyntax || node is WhileStatementSyntax || node is DoStatementSyntax ||
        node is SwitchStatementSyntax;
}
