using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// AIP1008 and AIP1010, one flow: a value the SDK hands over to be disposed is never disposed. AIP1008: the run scope returned by <c>StartRunAsync</c> (an <c>ActiveRun</c>, or another <c>IAsyncDisposable</c> SDK type
/// whose name ends in <c>Run</c> or <c>Scope</c>) is never disposed. Disposing it sends the buffered metrics and ends the run
/// FINISHED; without it the run stays RUNNING forever and the last metrics are lost. The flow is simple: the result is reported
/// when it is discarded, or kept in a local that is not declared with <c>await using</c>, never has <c>DisposeAsync()</c> called
/// and is never handed on (passed, returned, stored, used by a <c>using</c> statement). AIP1010: an object store download
/// (<c>ObjectContent</c> from <c>IObjectStore.GetAsync</c>) holds an open response or file until it is disposed.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndisposedRunScopeAnalyzer : AiPlatformAnalyzer
{
    /// <summary>The diagnostic property set when the value initializes a local that the code fix can declare with <c>await using</c>.</summary>
    public const string FixableProperty = "Fixable";

    private const string ActiveRunType = "AiPlatform.Sdk.Training.Tracking.ActiveRun";
    private const string ObjectContentType = "AiPlatform.Sdk.Data.ObjectStore.ObjectContent";

    internal static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
        DiagnosticIds.UndisposedRunScope,
        "Dispose the training run",
        "The '{0}' returned by '{1}' is never disposed; declare it with 'await using' so that its metrics are sent and the run ends",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Disposing a run scope sends its buffered metrics and ends the run. A run scope that is never disposed leaves the run RUNNING forever and loses the metrics logged since the last flush.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.UndisposedRunScope));

    internal static readonly DiagnosticDescriptor ContentRule = new DiagnosticDescriptor(
        DiagnosticIds.UndisposedObjectContent,
        "Dispose the object content",
        "The '{0}' returned by '{1}' is never disposed; declare it with 'await using' so that its connection or file is released",
        "Usage",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An object store download holds an open HTTP response (S3) or file handle (local store) until it is disposed; left open, downloads exhaust the connection pool or the file handles.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.UndisposedObjectContent));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule, ContentRule);

    /// <inheritdoc/>
    private protected override void Register(AnalysisContext context) => context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.InvocationExpression);

    /// <summary>The rule a value of <paramref name="type"/> falls under: a run scope's, an object content's, or none.</summary>
    private static DiagnosticDescriptor? RuleFor(ITypeSymbol? type) =>
        IsRunScope(type) ? Rule : type?.ToDisplayString() == ObjectContentType ? ContentRule : null;

    /// <summary>Whether a type is a run scope: <c>ActiveRun</c>, or an <c>IAsyncDisposable</c> SDK type named <c>*Run</c> or <c>*Scope</c>.</summary>
    internal static bool IsRunScope(ITypeSymbol? type)
    {
        if (!(type is INamedTypeSymbol named) || named.TypeKind == TypeKind.Interface && named.Name == "IAsyncDisposable")
        {
            return false;
        }

        if (named.ToDisplayString() == ActiveRunType)
        {
            return true;
        }

        return SdkSymbols.IsSdkNamespace(named.ContainingNamespace) &&
               (named.Name.EndsWith("Run", System.StringComparison.Ordinal) || named.Name.EndsWith("Scope", System.StringComparison.Ordinal)) &&
               named.AllInterfaces.Any(i => i.Name == "IAsyncDisposable" && i.ContainingNamespace?.ToDisplayString() == "System");
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var invocation = (InvocationExpressionSyntax)context.Node;
        var model = context.SemanticModel;
        if (!(model.GetSymbolInfo(invocation, context.CancellationToken).Symbol is IMethodSymbol method) || !SdkSymbols.IsSdkMethod(method))
        {
            return;
        }

        ExpressionSyntax? value = invocation;
        var scope = method.ReturnType;
        if (SdkSymbols.IsTask(scope))
        {
            // Task<ActiveRun>: only the awaited run is followed; a task kept as a task is handed on.
            scope = scope is INamedTypeSymbol { TypeArguments.Length: 1 } task ? task.TypeArguments[0] : null;
            value = RuleFor(scope) != null ? Awaited(invocation) : null;
        }

        if (RuleFor(scope) is not { } rule)
        {
            return;
        }

        if (value == null || !IsLeftUndisposed(model, value, context.CancellationToken, out var fixable))
        {
            return;
        }

        var properties = fixable
            ? ImmutableDictionary<string, string?>.Empty.Add(FixableProperty, "true")
            : ImmutableDictionary<string, string?>.Empty;
        context.ReportDiagnostic(Diagnostic.Create(rule, invocation.GetLocation(), properties, scope!.Name, method.Name));
    }

    // The await of the invocation's task: await Call(), await Call().ConfigureAwait(false), await (Call()).
    private static ExpressionSyntax? Awaited(InvocationExpressionSyntax invocation)
    {
        SyntaxNode node = Outermost(invocation);
        if (node.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure &&
            configure.Expression == node && configure.Parent is InvocationExpressionSyntax configured)
        {
            node = Outermost(configured);
        }

        return node.Parent is AwaitExpressionSyntax awaited ? awaited : null;
    }

    private static ExpressionSyntax Outermost(ExpressionSyntax expression)
    {
        while (expression.Parent is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized;
        }

        return expression;
    }

    // Where the run scope goes: reported when it is discarded, or lands in a local that is neither disposed nor handed on.
    private static bool IsLeftUndisposed(SemanticModel model, ExpressionSyntax value, CancellationToken cancellationToken, out bool fixable)
    {
        fixable = false;
        value = Outermost(value);
        switch (value.Parent)
        {
            case ExpressionStatementSyntax _:
                return true;
            case MemberAccessExpressionSyntax access when access.Expression == value:
                return !IsDisposeCall(access.Name);
            case ConditionalAccessExpressionSyntax conditional when conditional.Expression == value:
                return !IsDisposeBinding(conditional.WhenNotNull);
            case AssignmentExpressionSyntax assignment when assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right == value:
                var target = model.GetSymbolInfo(assignment.Left, cancellationToken).Symbol;
                if (target is IDiscardSymbol || target == null && assignment.Left is IdentifierNameSyntax { Identifier.ValueText: "_" })
                {
                    return assignment.Parent is ExpressionStatementSyntax;
                }

                return target is ILocalSymbol assigned && !IsHandledLater(model, assigned, assignment.Left, cancellationToken);
            case EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax statement } } declarator }:
                if (statement.UsingKeyword != default ||
                    !(model.GetDeclaredSymbol(declarator, cancellationToken) is ILocalSymbol local) ||
                    IsHandledLater(model, local, null, cancellationToken))
                {
                    return false;
                }

                fixable = (statement.Parent is BlockSyntax || statement.Parent is GlobalStatementSyntax) &&
                          (value is AwaitExpressionSyntax || IsInAsyncFunction(statement));
                return true;
            default:
                return false;
        }
    }

    // Whether any use of the local disposes it or hands it on; using its members (run.LogMetric, run.RunId) does neither.
    private static bool IsHandledLater(SemanticModel model, ILocalSymbol local, SyntaxNode? storedBy, CancellationToken cancellationToken)
    {
        var declaration = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken);
        if (declaration == null)
        {
            return true;
        }

        SyntaxNode scope = declaration.Ancestors().FirstOrDefault(a => a is MemberDeclarationSyntax && !(a is GlobalStatementSyntax))
                           ?? declaration.SyntaxTree.GetRoot(cancellationToken);
        foreach (var use in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (use == storedBy || use.Identifier.ValueText != local.Name ||
                !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(use, cancellationToken).Symbol, local))
            {
                continue;
            }

            ExpressionSyntax expression = use;
            while (expression.Parent is ParenthesizedExpressionSyntax || expression.Parent.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            {
                expression = (ExpressionSyntax)expression.Parent;
            }

            switch (expression.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression == expression:
                    if (IsDisposeCall(access.Name))
                    {
                        return true;
                    }

                    break;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == expression:
                    if (IsDisposeBinding(conditional.WhenNotNull))
                    {
                        return true;
                    }

                    break;
                default:
                    // Passed, returned, stored, aliased, used by a using statement: someone else owns it now.
                    return true;
            }
        }

        return false;
    }

    private static bool IsDisposeCall(SimpleNameSyntax name) => name.Identifier.ValueText is "DisposeAsync" or "Dispose";

    private static bool IsDisposeBinding(ExpressionSyntax whenNotNull) => whenNotNull switch
    {
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } => IsDisposeCall(binding.Name),
        MemberBindingExpressionSyntax binding => IsDisposeCall(binding.Name),
        _ => false,
    };

    private static bool IsInAsyncFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword != default;
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax _ when !(ancestor is GlobalStatementSyntax):
                    return false;
            }
        }

        // Top-level statements are async whenever they await; without an await, 'await using' would make them so.
        return true;
    }
}
