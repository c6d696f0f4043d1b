using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Fixes AIP1006 by awaiting the task instead of blocking on it; a method that is not yet async is made async (<c>void</c>
/// becomes <c>Task</c>, <c>T</c> becomes <c>Task&lt;T&gt;</c>) where its signature allows it.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SyncOverAsyncCodeFixProvider)), Shared]
public sealed class SyncOverAsyncCodeFixProvider : CodeFixProvider
{
    private const string Title = "Await the task instead of blocking";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(DiagnosticIds.SyncOverAsync);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root == null || model == null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var blocking = node.AncestorsAndSelf().OfType<ExpressionSyntax>()
                .FirstOrDefault(e => e.Span == diagnostic.Location.SourceSpan && SyncOverAsyncAnalyzer.BlockedTask(e) != null);
            if (blocking == null || (blocking is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } } wait &&
                                     wait.ArgumentList.Arguments.Count > 0))
            {
                continue; // Wait(timeout) returns whether the task finished in time: no mechanical await.
            }

            var function = blocking.Ancestors().FirstOrDefault(IsFunction);
            if (function == null || blocking.Ancestors().TakeWhile(a => a != function).Any(a => a is LockStatementSyntax) ||
                !CanBeAsync(function, model, context.CancellationToken))
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, c => AwaitAsync(context.Document, root, blocking, function), nameof(SyncOverAsyncCodeFixProvider)),
                diagnostic);
        }
    }

    private static bool IsFunction(SyntaxNode node) =>
        node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is BaseMethodDeclarationSyntax ||
        node is AccessorDeclarationSyntax || node is GlobalStatementSyntax;

    private static bool IsAsync(SyntaxNode function) => function switch
    {
        AnonymousFunctionExpressionSyntax lambda => lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
        GlobalStatementSyntax _ => true, // top-level statements may await
        _ => false,
    };

    // A method or local function may become async when nothing else depends on its exact return type.
    private static bool CanBeAsync(SyntaxNode function, SemanticModel model, CancellationToken cancellationToken)
    {
        if (IsAsync(function))
        {
            return true;
        }

        TypeSyntax returnType;
        IMethodSymbol? symbol;
        switch (function)
        {
            case MethodDeclarationSyntax method:
                returnType = method.ReturnType;
                symbol = model.GetDeclaredSymbol(method, cancellationToken);
                break;
            case LocalFunctionStatementSyntax local:
                returnType = local.ReturnType;
                symbol = model.GetDeclaredSymbol(local, cancellationToken) as IMethodSymbol;
                break;
            default:
                return false;
        }

        if (symbol == null || symbol.IsOverride || symbol.IsAbstract || symbol.ExplicitInterfaceImplementations.Length > 0 ||
            symbol.ReturnsByRef || symbol.ReturnsByRefReadonly || SdkSymbols.IsTask(symbol.ReturnType) ||
            symbol.Parameters.Any(p => p.RefKind != RefKind.None || p.Type.IsRefLikeType) || returnType is RefTypeSyntax ||
            function.DescendantNodes().OfType<YieldStatementSyntax>().Any() ||
            ImplementsInterfaceMember(symbol))
        {
            return false;
        }

        return true;
    }

    private static bool ImplementsInterfaceMember(IMethodSymbol method) =>
        method.ContainingType.AllInterfaces.SelectMany(i => i.GetMembers(method.Name)).Any(m =>
            SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(m), method));

    private static Task<Document> AwaitAsync(Document document, SyntaxNode root, ExpressionSyntax blocking, SyntaxNode function)
    {
        var task = SyncOverAsyncAnalyzer.BlockedTask(blocking)!;
        var awaited = SyntaxFactory.ParenthesizedExpression(SyntaxFactory.AwaitExpression(task.WithoutTrivia()))
            .WithTriviaFrom(blocking)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var newFunction = function.ReplaceNode(blocking, awaited);
        if (!IsAsync(function))
        {
            newFunction = MakeAsync(newFunction);
        }

        return Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(function, newFunction)));
    }

    private static SyntaxNode MakeAsync(SyntaxNode function)
    {
        switch (function)
        {
            case MethodDeclarationSyntax method:
                var (methodModifiers, methodType) = AddAsync(method.Modifiers, method.ReturnType);
                return method.WithModifiers(methodModifiers).WithReturnType(methodType);
            case LocalFunctionStatementSyntax local:
                var (localModifiers, localType) = AddAsync(local.Modifiers, local.ReturnType);
                return local.WithModifiers(localModifiers).WithReturnType(localType);
            default:
                return function;
        }
    }

    // 'void M()' becomes 'async Task M()', 'int M()' becomes 'async Task<int> M()'; the async keyword takes the place of
    // the return type's leading trivia when there are no modifiers.
    private static (SyntaxTokenList Modifiers, TypeSyntax ReturnType) AddAsync(SyntaxTokenList modifiers, TypeSyntax returnType)
    {
        var isVoid = returnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword);
        TypeSyntax taskType = isVoid
            ? SyntaxFactory.ParseTypeName("System.Threading.Tasks.Task")
            : SyntaxFactory.GenericName(SyntaxFactory.Identifier("Task"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(returnType.WithoutTrivia())))
                .WithoutTrivia() is GenericNameSyntax generic
                ? SyntaxFactory.QualifiedName(SyntaxFactory.ParseName("System.Threading.Tasks"), generic)
                : returnType;
        taskType = taskType.WithTrailingTrivia(returnType.GetTrailingTrivia()).WithAdditionalAnnotations(Simplifier.Annotation);
        var asyncKeyword = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        if (modifiers.Count == 0)
        {
            return (SyntaxFactory.TokenList(asyncKeyword.WithLeadingTrivia(returnType.GetLeadingTrivia())), taskType);
        }

        return (modifiers.Add(asyncKeyword), taskType.WithLeadingTrivia(returnType.GetLeadingTrivia()));
    }
}
