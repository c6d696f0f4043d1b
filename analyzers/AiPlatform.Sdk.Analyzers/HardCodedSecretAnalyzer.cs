using System.Collections.Immutable;
using AiPlatform.Sdk.Analyzers.Configuration;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP1001: a string literal assigned to a secret of an AiPlatform settings class (<c>ClientSecret</c>, <c>SecretKey</c>,
/// <c>Password</c>, <c>Token</c>, <c>ApiKey</c>) ends up in source control; read it from configuration or Vault instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HardCodedSecretAnalyzer : AiPlatformAnalyzer
{
    /// <summary>
    /// The diagnostic property that carries the configuration key the secret is bound from (<c>AiPlatform:Identity:ClientSecret</c>),
    /// when the settings schema names one section for the settings class.
    /// </summary>
    public const string KeyProperty = "Key";

    private static readonly ImmutableHashSet<string> SecretNames =
        ImmutableHashSet.Create("ClientSecret", "SecretKey", "Password", "Token", "ApiKey", "SecretId");

    private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.HardCodedSecret,
        "Do not hard-code AiPlatform secrets",
        "'{0}' is set from a string literal; read it from configuration, an environment variable or Vault",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Secrets written in source end up in source control and in every build. Bind them from configuration instead.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.HardCodedSecret));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override void Register(AnalysisContext context) => context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.SimpleAssignmentExpression);

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var assignment = (AssignmentExpressionSyntax)context.Node;
        if (!(assignment.Right is LiteralExpressionSyntax literal) || !literal.IsKind(SyntaxKind.StringLiteralExpression) ||
            literal.Token.ValueText.Length == 0)
        {
            return;
        }

        if (context.SemanticModel.GetSymbolInfo(assignment.Left, context.CancellationToken).Symbol is IPropertySymbol property &&
            SecretNames.Contains(property.Name) &&
            property.ContainingType.ContainingNamespace.ToDisplayString().StartsWith("AiPlatform.Sdk", System.StringComparison.Ordinal))
        {
            var key = SettingKeys.Find(SettingsSchema.AiPlatform, property.ContainingType.Name, property.Name);
            var properties = key == null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(KeyProperty, key);
            context.ReportDiagnostic(Diagnostic.Create(Rule, assignment.GetLocation(), properties, property.Name));
        }
    }
}
