using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP2002: a one-item call of the SDK or of a vector store (upsert, get, delete) made once per loop iteration, where the same
/// type offers the batch form: an overload taking many (<c>UpsertAsync(IEnumerable&lt;TRecord&gt;)</c>) or a sibling named
/// <c>*Batch</c>/<c>*Many</c> (<c>UpsertBatch</c>, <c>DeleteManyAsync</c>). Each call is a round trip or a write-ahead-log
/// flush; the batch form pays it once.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SingleItemCallInLoopAnalyzer : AiPlatformAnalyzer
{
    /// <summary>The diagnostic property set when the batch form is an overload of the same name (the code fix needs one).</summary>
    public const string OverloadProperty = "Overload";

    internal static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.SingleItemCallInLoop,
        "Use the batch call instead of one call per loop iteration",
        "'{0}' is called once per loop iteration; '{1}' takes them all in one call",
        "Performance",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Vector stores and object stores pay a round trip, a lock or a log flush per call; the batch form pays it once for many items.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.SingleItemCallInLoop));

    private static readonly ImmutableHashSet<string> Collections = ImmutableHashSet.Create(
        "IEnumerable", "IReadOnlyList", "IReadOnlyCollection", "IList", "ICollection", "List", "ReadOnlySpan", "ReadOnlyMemory",
        "Span", "Memory", "IAsyncEnumerable");

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override void Register(AnalysisContext context) => context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.InvocationExpression);

    /// <summary>The element type of a collection parameter type, or null.</summary>
    internal static ITypeSymbol? ElementType(ITypeSymbol type) => type switch
    {
        IArrayTypeSymbol array => array.ElementType,
        INamedTypeSymbol { TypeArguments.Length: 1 } named when Collections.Contains(named.Name) => named.TypeArguments[0],
        _ => null,
    };

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (!SdkSymbols.IsInsideLoop(invocation) ||
            !(context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method) ||
            method.IsStatic || method.ReducedFrom != null || !IsStoreType(method.ContainingType) ||
            method.Name is "GenerateAsync" or "GenerateVectorAsync" || method.Name.Contains("Batch") || method.Name.Contains("Many"))
        {
            return;
        }

        var receiver = invocation.Expression is MemberAccessExpressionSyntax access
            ? context.SemanticModel.GetTypeInfo(access.Expression, context.CancellationToken).Type as INamedTypeSymbol
            : null;
        var batch = FindBatchForm(method, receiver ?? method.ContainingType);
        if (batch == null)
        {
            return;
        }

        var properties = batch.Name == method.Name
            ? ImmutableDictionary<string, string?>.Empty.Add(OverloadProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        var display = batch.Name == method.Name
            ? batch.Name + "(" + string.Join(", ", batch.Parameters.Where(p => !SdkSymbols.IsCancellationToken(p.Type)).Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")"
            : batch.Name;
        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetLocation(), properties, method.Name, display));
    }

    private static bool IsStoreType(INamedTypeSymbol type) =>
        SdkSymbols.IsSdkNamespace(type.ContainingNamespace) || type.ContainingNamespace?.ToDisplayString() == "Microsoft.Extensions.VectorData";

    /// <summary>The batch form of a one-item method on the receiver's type, its bases or interfaces, or null.</summary>
    internal static IMethodSymbol? FindBatchForm(IMethodSymbol method, INamedTypeSymbol receiver)
    {
        var stem = method.Name.EndsWith("Async", System.StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - 5) : method.Name;
        var suffix = method.Name.Length > stem.Length ? "Async" : string.Empty;
        var names = new[] { method.Name, stem + "Batch" + suffix, stem + "Many" + suffix };
        var singles = new HashSet<ITypeSymbol>(method.Parameters.Select(p => p.Type), SymbolEqualityComparer.Default);
        foreach (var type in TypeAndBases(receiver))
        {
            foreach (var candidate in names.SelectMany(n => type.GetMembers(n)).OfType<IMethodSymbol>())
            {
                if (candidate.IsStatic || SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, method.OriginalDefinition))
                {
                    continue;
                }

                var many = candidate.Parameters.Select(p => ElementType(p.Type)).Where(e => e != null).ToList();
                if (many.Count > 0 && (candidate.Name != method.Name || many.Any(e => singles.Contains(e!))))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static IEnumerable<INamedTypeSymbol> TypeAndBases(INamedTypeSymbol type)
    {
        for (var current = type; current != null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var contract in type.AllInterfaces)
        {
            yield return contract;
        }
    }
}
