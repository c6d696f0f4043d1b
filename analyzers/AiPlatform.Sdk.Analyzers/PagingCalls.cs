using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiPlatform.Sdk.Analyzers;

/// <summary>
/// Finds the SDK paging call behind an async stream: a <c>List*</c>, <c>Search*</c> or <c>Query*</c> method of an SDK interface
/// returning <c>IAsyncEnumerable&lt;T&gt;</c>, with nothing that bounds how many results it yields, seen through the
/// <c>System.Linq.AsyncEnumerable</c> operators that do not bound it either (<c>Where</c>, <c>Select</c>, ...) and through
/// <c>ConfigureAwait</c>/<c>WithCancellation</c>.
/// </summary>
internal static class PagingCalls
{
    /// <summary>The class of the async LINQ operators: .NET 10's <c>System.Linq.AsyncEnumerable</c> and System.Linq.Async's share its name.</summary>
    public const string AsyncEnumerableType = "System.Linq.AsyncEnumerable";

    private static readonly string[] PagingPrefixes = { "List", "Search", "Query" };

    // Operators that stop after a number of items: the stream behind them is bounded.
    private static readonly ImmutableHashSet<string> BoundingOperators = ImmutableHashSet.Create("Take", "TakeWhile", "TakeLast");

    // An integer parameter of one of these names bounds the results (SearchAsync(query, top)); pageSize does not.
    private static readonly ImmutableHashSet<string> BoundParameters = ImmutableHashSet.Create(
        StringComparer.OrdinalIgnoreCase, "top", "limit", "maxResults", "max", "maxCount", "maxItems", "take", "count");

    // A query argument whose type has one of these properties may carry a bound (DocumentQuery<T>.Limit).
    private static readonly ImmutableHashSet<string> BoundProperties = ImmutableHashSet.Create("Limit", "MaxResults", "Top", "MaxCount");

    /// <summary>The unbounded SDK paging call whose results <paramref name="stream"/> yields, or null.</summary>
    public static IInvocationOperation? UnboundedSource(IOperation? stream)
    {
        while (true)
        {
            while (stream is IConversionOperation { IsImplicit: true } conversion)
            {
                stream = conversion.Operand;
            }

            if (!(stream is IInvocationOperation invocation))
            {
                return null;
            }

            var method = invocation.TargetMethod;
            if (IsAsyncEnumerableOperator(method) || IsStreamConfiguration(method))
            {
                if (BoundingOperators.Contains(method.Name))
                {
                    return null;
                }

                stream = invocation.Instance ?? invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
                continue;
            }

            return IsUnboundedPagingCall(invocation) ? invocation : null;
        }
    }

    /// <summary>Whether a method is one of the async LINQ operators.</summary>
    public static bool IsAsyncEnumerableOperator(IMethodSymbol method) =>
        method.IsExtensionMethod && method.ContainingType?.ToDisplayString() == AsyncEnumerableType;

    // source.ConfigureAwait(false), source.WithCancellation(token), and the same again on the configured stream: the same items.
    private static bool IsStreamConfiguration(IMethodSymbol method) =>
        method.Name is "ConfigureAwait" or "WithCancellation" &&
        method.ContainingType?.OriginalDefinition.ToDisplayString() is "System.Threading.Tasks.TaskAsyncEnumerableExtensions"
            or "System.Runtime.CompilerServices.ConfiguredCancelableAsyncEnumerable<T>";

    private static bool IsUnboundedPagingCall(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!PagingPrefixes.Any(p => method.Name.StartsWith(p, StringComparison.Ordinal)) || !IsAsyncEnumerable(method.ReturnType) ||
            !IsSdkContract(method) ||
            method.Parameters.Any(p => p.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 && BoundParameters.Contains(p.Name)))
        {
            return false;
        }

        // A query that may carry a bound counts as unbounded only when it is left out or null.
        return invocation.Arguments.All(a => a.Parameter == null || !MayCarryBound(a.Parameter.Type) ||
                                             a.ArgumentKind == ArgumentKind.DefaultValue || IsNull(a.Value));
    }

    private static bool IsAsyncEnumerable(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: "IAsyncEnumerable", TypeArguments.Length: 1 } named &&
        named.ContainingNamespace?.ToDisplayString() == "System.Collections.Generic";

    // Declared by an SDK interface, or implementing a member of one.
    private static bool IsSdkContract(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type == null || !SdkSymbols.IsSdkNamespace(type.ContainingNamespace))
        {
            return false;
        }

        return type.TypeKind == TypeKind.Interface ||
               type.AllInterfaces.Where(i => SdkSymbols.IsSdkNamespace(i.ContainingNamespace))
                   .SelectMany(i => i.GetMembers(method.Name))
                   .Any(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), method));
    }

    private static bool MayCarryBound(ITypeSymbol type) =>
        type.GetMembers().OfType<IPropertySymbol>().Any(p => BoundProperties.Contains(p.Name));

    private static bool IsNull(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value.ConstantValue is { HasValue: true, Value: null };
    }
}
