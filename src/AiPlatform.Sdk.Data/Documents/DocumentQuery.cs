using System.Linq.Expressions;
using System.Text.Json.Serialization.Metadata;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>A query over a document collection: a filter, an order and a page. Build it with <see cref="DocumentCollection{T}.Query"/>.</summary>
/// <typeparam name="T">The document type.</typeparam>
public sealed class DocumentQuery<T>
{
    private readonly JsonTypeInfo<T> _typeInfo;
    private readonly List<DocumentSort> _sort = [];

    internal DocumentQuery(JsonTypeInfo<T> typeInfo) => _typeInfo = typeInfo;

    /// <summary>The filter, or <see langword="null"/> for every document.</summary>
    public DocumentFilter? Filter { get; private set; }

    /// <summary>The order, first key first; the id breaks ties.</summary>
    public IReadOnlyList<DocumentSort> Sort => _sort;

    /// <summary>How many matching documents to skip.</summary>
    public int Skip { get; private set; }

    /// <summary>How many documents to return at most, or <see langword="null"/> for all.</summary>
    public int? Limit { get; private set; }

    /// <summary>Sets the filter.</summary>
    /// <param name="filter">Builds the filter from a typed builder.</param>
    /// <returns>This query.</returns>
    public DocumentQuery<T> Where(Func<DocumentFilterBuilder<T>, DocumentFilter> filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Filter = filter(new DocumentFilterBuilder<T>(_typeInfo));
        return this;
    }

    /// <summary>Adds a sort key.</summary>
    /// <typeparam name="TValue">The property type.</typeparam>
    /// <param name="property">The property.</param>
    /// <param name="descending">Whether larger values come first.</param>
    /// <returns>This query.</returns>
    public DocumentQuery<T> OrderBy<TValue>(Expression<Func<T, TValue>> property, bool descending = false)
    {
        _sort.Add(new DocumentSort(DocumentPaths.Of(_typeInfo, property), descending));
        return this;
    }

    /// <summary>Selects a page of the results.</summary>
    /// <param name="skip">How many to skip.</param>
    /// <param name="limit">How many to return at most.</param>
    /// <returns>This query.</returns>
    public DocumentQuery<T> Page(int skip, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        Skip = skip;
        Limit = limit;
        return this;
    }
}

/// <summary>One sort key of a query.</summary>
/// <param name="Path">The JSON path.</param>
/// <param name="Descending">Whether larger values come first.</param>
public sealed record DocumentSort(IReadOnlyList<string> Path, bool Descending);
