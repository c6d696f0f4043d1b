using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Finds a configuration the code can read at a position: a local, parameter, field or property whose type implements
/// <c>Microsoft.Extensions.Configuration.IConfiguration</c>, or else the <c>Configuration</c> property of a local or parameter
/// (<c>builder.Configuration</c> of a host or web application builder).
/// </summary>
internal static class ConfigurationInScope
{
    private const string ConfigurationTypeName = "Microsoft.Extensions.Configuration.IConfiguration";

    /// <summary>The expression that reads the configuration at <paramref name="position"/>, or null when none is in scope.</summary>
    public static ExpressionSyntax? Find(SemanticModel model, int position)
    {
        if (!(model.Compilation.GetTypeByMetadataName(ConfigurationTypeName) is INamedTypeSymbol configuration))
        {
            return null;
        }

        var inStaticMember = IsInStaticMember(model.GetEnclosingSymbol(position));
        var symbols = model.LookupSymbols(position)
            .Where(s => IsUsable(s, position, inStaticMember))
            .OrderBy(s => s is ILocalSymbol || s is IParameterSymbol ? 0 : 1)
            .ToList();
        if (symbols.FirstOrDefault(s => IsConfiguration(TypeOf(s), configuration)) is ISymbol direct)
        {
            return SyntaxFactory.IdentifierName(direct.Name);
        }

        var builder = symbols.FirstOrDefault(s => (s is ILocalSymbol || s is IParameterSymbol) && HasConfigurationProperty(TypeOf(s), configuration));
        return builder == null
            ? null
            : SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression, SyntaxFactory.IdentifierName(builder.Name), SyntaxFactory.IdentifierName("Configuration"));
    }

    private static bool IsUsable(ISymbol symbol, int position, bool inStaticMember) => symbol switch
    {
        ILocalSymbol local => local.DeclaringSyntaxReferences.All(r => r.Span.End <= position),
        IParameterSymbol _ => true,
        IFieldSymbol field => field.IsStatic || !inStaticMember,
        IPropertySymbol property => property.GetMethod != null && !property.IsIndexer && (property.IsStatic || !inStaticMember),
        _ => false,
    };

    private static bool IsInStaticMember(ISymbol? symbol)
    {
        while (symbol is IMethodSymbol method && (method.MethodKind == MethodKind.LambdaMethod || method.MethodKind == MethodKind.LocalFunction))
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol?.IsStatic ?? false;
    }

    private static ITypeSymbol? TypeOf(ISymbol symbol) => symbol switch
    {
        ILocalSymbol local => local.Type,
        IParameterSymbol parameter => parameter.Type,
        IFieldSymbol field => field.Type,
        IPropertySymbol property => property.Type,
        _ => null,
    };

    private static bool IsConfiguration(ITypeSymbol? type, INamedTypeSymbol configuration) =>
        type != null &&
        (SymbolEqualityComparer.Default.Equals(type, configuration) || type.AllInterfaces.Contains(configuration, SymbolEqualityComparer.Default));

    private static bool HasConfigurationProperty(ITypeSymbol? type, INamedTypeSymbol configuration)
    {
        for (var current = type; current != null; current = current.BaseType)
        {
            if (current.GetMembers("Configuration").OfType<IPropertySymbol>().Any(p => !p.IsStatic && p.GetMethod != null && IsConfiguration(p.Type, configuration)))
            {
                return true;
            }
        }

        return false;
    }
}
