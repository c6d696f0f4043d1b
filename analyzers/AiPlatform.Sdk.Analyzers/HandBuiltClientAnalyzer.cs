using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP1009: an <c>HttpClient</c> created with <c>new</c> whose <c>BaseAddress</c> is an AiPlatform endpoint (set in its object
/// initializer, or later on the local it is kept in), or a <c>GrpcChannel.ForAddress</c> of one. Such a client bypasses the one
/// the SDK registers for that endpoint: no bearer token, no resilience pipeline, no client span or metrics. The address counts
/// as AiPlatform's only when it is read from an SDK settings class or from configuration under <c>AiPlatform</c>
/// (<see cref="PlatformAddress"/>); clients for other addresses are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HandBuiltClientAnalyzer : AiPlatformAnalyzer
{
    private const string HttpClientType = "System.Net.Http.HttpClient";

    private const string GrpcChannelType = "Grpc.Net.Client.GrpcChannel";

    private const int MaxAddressLength = 60;

    internal static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.HandBuiltClient,
        "Take AiPlatform clients from dependency injection",
        "'{0}' is built by hand for the AiPlatform endpoint '{1}'; inject the SDK client registered for it, or register one with {2}",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A client built by hand for a platform endpoint lacks what the registered one has: the platform's bearer token, the standard resilience pipeline (timeouts, retries, circuit breaker) and the client span and metrics.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.HandBuiltClient));

    private static readonly Regex Whitespace = new Regex(@"\s+", RegexOptions.CultureInvariant);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    private protected override void Register(AnalysisContext context)
    {
        context.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
        context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
    }

    private static void AnalyzeCreation(OperationAnalysisContext context)
    {
        var creation = (IObjectCreationOperation)context.Operation;
        if (creation.Type?.ToDisplayString() == HttpClientType &&
            BaseAddress(creation, context.CancellationToken) is IOperation address &&
            PlatformAddress.IsPlatformEndpoint(address, context.CancellationToken))
        {
            Report(context, creation.Syntax, "new HttpClient", address, "AddPlatformHttpClient<TSettings>");
        }
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (method.Name == "ForAddress" && method.IsStatic && method.ContainingType?.ToDisplayString() == GrpcChannelType &&
            invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value is IOperation address &&
            PlatformAddress.IsPlatformEndpoint(address, context.CancellationToken))
        {
            Report(context, invocation.Syntax, "GrpcChannel.ForAddress", address, "AddPlatformGrpcClient<TClient, TSettings>");
        }
    }

    // The value given to BaseAddress: in the object initializer, or assigned later to the local the new client initializes.
    private static IOperation? BaseAddress(IObjectCreationOperation creation, CancellationToken cancellationToken)
    {
        var initialized = creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>()
            .FirstOrDefault(a => a.Target is IPropertyReferenceOperation { Property.Name: "BaseAddress" });
        if (initialized != null)
        {
            return initialized.Value;
        }

        if (!(creation.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }) ||
            !(creation.SemanticModel is SemanticModel model) ||
            !(((SyntaxNode?)declarator.Syntax.FirstAncestorOrSelf<BlockSyntax>() ?? declarator.Syntax.FirstAncestorOrSelf<CompilationUnitSyntax>()) is SyntaxNode scope))
        {
            return null;
        }

        foreach (var assignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
        {
            if (assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) &&
                assignment.Left is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "BaseAddress", Expression: IdentifierNameSyntax target } &&
                target.Identifier.ValueText == declarator.Symbol.Name &&
                SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(target, cancellationToken).Symbol, declarator.Symbol))
            {
                return (model.GetOperation(assignment, cancellationToken) as ISimpleAssignmentOperation)?.Value;
            }
        }

        return null;
    }

    private static void Report(OperationAnalysisContext context, SyntaxNode node, string client, IOperation address, string registration)
    {
        var text = Whitespace.Replace(address.Syntax.ToString(), " ");
        if (text.Length > MaxAddressLength)
        {
            text = text.Substring(0, MaxAddressLength - 3) + "...";
        }

        context.ReportDiagnostic(Diagnostic.Create(Rule, node.GetLocation(), client, text, registration));
    }
}
