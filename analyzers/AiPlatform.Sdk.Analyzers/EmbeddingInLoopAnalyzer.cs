using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP2001: generating one embedding per loop iteration runs the model once per input; collect the inputs and call
/// <c>GenerateAsync</c> once, so the generator can batch them by length.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EmbeddingInLoopAnalyzer : AiPlatformAnalyzer
{
    private static readonly ImmutableHashSet<string> SingleInputMethods =
        ImmutableHashSet.Create("GenerateVectorAsync", "GenerateAsync");

    private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.EmbeddingInLoop,
        "Generate embeddings in one batch",
        "'{0}' is called once per loop iteration; collect the inputs and generate their embeddings in one call",
        "Performance",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Embedding generators batch inputs by length; one call per input forfeits batching and costs several times the time.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.EmbeddingInLoop));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override void Register(AnalysisContext context) => context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.InvocationExpression);

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        if (!SdkSymbols.IsInsideLoop(invocation) ||
            !(context.SemanticModel.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method) ||
            !SingleInputMethods.Contains(method.Name) || !IsSingleInput(method) || !IsEmbeddingGenerator(method))
        {
            return;
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetLocation(), method.Name));
    }

    // GenerateVectorAsync(value) and GenerateAsync(value) on one string, not on IEnumerable<string>.
    private static bool IsSingleInput(IMethodSymbol method)
    {
        var source = method.ReducedFrom ?? method;
        var inputs = source.IsExtensionMethod ? source.Parameters.RemoveAt(0) : source.Parameters;
        return inputs.Length > 0 && inputs[0].Type.SpecialType == SpecialType.System_String;
    }

    private static bool IsEmbeddingGenerator(IMethodSymbol method)
    {
        var source = method.ReducedFrom ?? method;
        var type = source.IsExtensionMethod ? source.Parameters[0].Type : method.ContainingType;
        return type.Name == "IEmbeddingGenerator" || type.AllInterfaces.Any(i => i.Name == "IEmbeddingGenerator");
    }
}
