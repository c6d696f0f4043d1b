using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP1007: an SDK method that accepts a <c>CancellationToken</c> (an optional parameter, or an overload that adds one) is called
/// without the token the calling method was given, so a cancelled request keeps the remote call running.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CancellationTokenNotPassedAnalyzer : InvocationAnalyzer
{
    /// <summary>The diagnostic property naming the token in scope.</summary>
    public const string TokenProperty = "Token";

    /// <summary>The diagnostic property naming the parameter to pass it to when it cannot be passed by position; absent otherwise.</summary>
    public const string ParameterNameProperty = "ParameterName";

    internal static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.CancellationTokenNotPassed,
        "Pass the CancellationToken to AiPlatform SDK calls",
        "'{0}' accepts a CancellationToken; pass '{1}'",
        "Usage",
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Without the caller's token an SDK call runs to its own timeout after the request that started it was cancelled or the host began to stop.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.CancellationTokenNotPassed));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override void Analyze(OperationAnalysisContext context, IInvocationOperation operation)
    {
        if (!(operation.Syntax is InvocationExpressionSyntax invocation) || !SdkSymbols.IsSdkMethod(operation.TargetMethod) ||
            !(context.Operation.SemanticModel?.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol called))
        {
            return;
        }

        var parameterName = MissingTokenParameter(operation, called, invocation);
        if (parameterName == null || !(TokenInScope(context.Operation.SemanticModel, invocation, context.CancellationToken) is string token))
        {
            return;
        }

        var properties = ImmutableDictionary<string, string?>.Empty.Add(TokenProperty, token);
        if (parameterName.Length > 0)
        {
            properties = properties.Add(ParameterNameProperty, parameterName);
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, invocation.GetLocation(), properties, called.Name, token));
    }

    // "" when the token can be appended by position, the parameter's name when it must be named, null when nothing is missing.
    private static string? MissingTokenParameter(IInvocationOperation operation, IMethodSymbol called, InvocationExpressionSyntax invocation)
    {
        var named = invocation.ArgumentList.Arguments.Any(a => a.NameColon != null);
        var omitted = operation.Arguments.FirstOrDefault(a =>
            a.ArgumentKind == ArgumentKind.DefaultValue && a.Parameter != null && SdkSymbols.IsCancellationToken(a.Parameter.Type));
        if (omitted?.Parameter != null)
        {
            var parameter = called.Parameters.FirstOrDefault(p => p.Name == omitted.Parameter.Name);
            var positional = !named && parameter != null && parameter.Ordinal == invocation.ArgumentList.Arguments.Count;
            return positional ? string.Empty : omitted.Parameter.Name;
        }

        if (called.Parameters.Any(p => SdkSymbols.IsCancellationToken(p.Type)))
        {
            return null;
        }

        // An overload with the same parameters and a trailing token: Search(query) and Search(query, cancellationToken).
        var definition = called.ReducedFrom ?? called;
        foreach (var candidate in definition.ContainingType.GetMembers(definition.Name).OfType<IMethodSymbol>())
        {
            var parameters = candidate.Parameters;
            if (parameters.Length == definition.Parameters.Length + 1 && SdkSymbols.IsCancellationToken(parameters[parameters.Length - 1].Type) &&
                candidate.IsStatic == definition.IsStatic && candidate.TypeParameters.Length == definition.TypeParameters.Length &&
                definition.Parameters.Select(p => p.Type.ToDisplayString()).SequenceEqual(parameters.Take(definition.Parameters.Length).Select(p => p.Type.ToDisplayString())))
            {
                return named ? parameters[parameters.Length - 1].Name : string.Empty;
            }
        }

        return null;
    }

    // The first CancellationToken parameter of the enclosing functions, innermost first (a static lambda or local function
    // cannot see the ones outside it).
    private static string? TokenInScope(SemanticModel model, SyntaxNode node, System.Threading.CancellationToken cancellationToken)
    {
        for (var parent = node.Parent; parent != null; parent = parent.Parent)
        {
            IMethodSymbol? function;
            var isStatic = false;
            switch (parent)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    function = model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol;
                    isStatic = lambda.Modifiers.Any(SyntaxKind.StaticKeyword);
                    break;
                case LocalFunctionStatementSyntax local:
                    function = model.GetDeclaredSymbol(local, cancellationToken) as IMethodSymbol;
                    isStatic = local.Modifiers.Any(SyntaxKind.StaticKeyword);
                    break;
                case BaseMethodDeclarationSyntax method:
                    function = model.GetDeclaredSymbol(method, cancellationToken);
                    break;
                case AccessorDeclarationSyntax accessor:
                    function = model.GetDeclaredSymbol(accessor, cancellationToken);
                    break;
                default:
                    continue;
            }

            var token = function?.Parameters.FirstOrDefault(p => SdkSymbols.IsCancellationToken(p.Type) && p.RefKind != RefKind.Out);
            if (token != null)
            {
                return token.Name;
            }

            if (isStatic || parent is BaseMethodDeclarationSyntax || parent is AccessorDeclarationSyntax)
            {
                return null;
            }
        }

        return null;
    }
}
