using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Decides whether an address is an AiPlatform endpoint: whether its value is read from a property of an SDK settings class
/// (<c>settings.Endpoint</c>) or from configuration under <c>AiPlatform</c> (<c>configuration["AiPlatform:Serving:Inference:Endpoint"]</c>,
/// <c>GetSection("AiPlatform:...")</c>, <c>GetValue&lt;Uri&gt;("AiPlatform:...")</c>), directly or through the initializers of locals.
/// </summary>
internal static class PlatformAddress
{
    private const string ConfigurationNamespace = "Microsoft.Extensions.Configuration";

    // How many locals are followed back to their initializers (var endpoint = settings.Endpoint; var uri = new Uri(endpoint)).
    private const int MaxHops = 3;

    /// <summary>Whether <paramref name="value"/> reads an AiPlatform setting anywhere in it.</summary>
    public static bool IsPlatformEndpoint(IOperation value, CancellationToken cancellationToken) => Reads(value, 0, cancellationToken);

    private static bool Reads(IOperation value, int hops, CancellationToken cancellationToken)
    {
        foreach (var operation in value.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IPropertyReferenceOperation property when IsSettingsProperty(property.Property) || IsConfigurationRead(property.Property, property.Arguments):
                case IInvocationOperation invocation when IsConfigurationRead(invocation.TargetMethod, invocation.Arguments):
                    return true;
                case ILocalReferenceOperation local when hops < MaxHops &&
                                                        Initializer(local.Local, value.SemanticModel, cancellationToken) is IOperation initializer &&
                                                        Reads(initializer, hops + 1, cancellationToken):
                    return true;
            }
        }

        return false;
    }

    // A property of a settings class of the SDK: InferenceClientSettings.Endpoint, RemoteClientSettings.Endpoint.
    private static bool IsSettingsProperty(IPropertySymbol property) =>
        !property.IsIndexer && property.ContainingType is INamedTypeSymbol type &&
        type.Name.EndsWith("Settings", StringComparison.Ordinal) && SdkSymbols.IsSdkNamespace(type.ContainingNamespace);

    // A read of Microsoft.Extensions.Configuration (an indexer, GetSection, GetValue, ...) with a constant key under AiPlatform.
    private static bool IsConfigurationRead(ISymbol member, ImmutableArray<IArgumentOperation> arguments) =>
        member.ContainingType?.ContainingNamespace?.ToDisplayString() == ConfigurationNamespace &&
        arguments.Any(a => a.Value.ConstantValue is { HasValue: true, Value: string key } &&
                           (key.Equals("AiPlatform", StringComparison.OrdinalIgnoreCase) || key.StartsWith("AiPlatform:", StringComparison.OrdinalIgnoreCase)));

    private static IOperation? Initializer(ILocalSymbol local, SemanticModel? model, CancellationToken cancellationToken) =>
        model != null && local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: ExpressionSyntax initializer } &&
        initializer.SyntaxTree == model.SyntaxTree
            ? model.GetOperation(initializer, cancellationToken)
            : null;
}
