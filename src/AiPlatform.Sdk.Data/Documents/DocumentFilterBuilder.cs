using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>Builds typed filters: property selectors become JSON paths by the type's source-generated contract, so renamed properties stay right.</summary>
/// <typeparam name="T">The document type.</typeparam>
public sealed class DocumentFilterBuilder<T>
{
    private readonly JsonTypeInfo<T> _typeInfo;

    internal DocumentFilterBuilder(JsonTypeInfo<T> typeInfo) => _typeInfo = typeInfo;

    /// <summary>The property equals <paramref name="value"/>.</summary>
    /// <typeparam name="TValue">The property type.</typeparam>
    /// <param name="property">The property, such as <c>a =&gt; a.Category</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The filter.</returns>
    public DocumentFilter Eq<TValue>(Expression<Func<T, TValue>> property, TValue value) => Field(property, FilterOperator.Eq, value);

    /// <summary>The property differs from <paramref name="value"/> or is missing.</summary>
    /// <inheritdoc cref="Eq{TValue}"/>
    public DocumentFilter Ne<TValue>(Expression<Func<T, TValue>> property, TValue value) => Field(property, FilterOperator.Ne, value);

    /// <summary>The property is greater than <paramref name="value"/>.</summary>
    /// <inheritdoc cref="Eq{TValue}"/>
    public DocumentFilter Gt<TValue>(Expression<Func<T, TValue>> property, TValue value) => Field(property, FilterOperator.Gt, value);

    /// <summary>The property is greater than or equal to <paramref name="value"/>.</summary>
    /// <inheritdoc cref="Eq{TValue}"/>
    public DocumentFilter Gte<TValue>(Expression<Func<T, TValue>> property, TValue value) => Field(property, FilterOperator.Gte, value);

    /// <summary>The property is less than <paramref name="value"/>.</summary>
    /// <inheritdoc cref="Eq{TValue}"/>
    public DocumentFilter Lt<TValue>(Expression<Func<T, TValue>> property, TValue value) => Field(property, FilterOperator.Lt, value);

    /// <summary>The property is less than or equal to <paramref name="value"/>.</summary>
    /// <inheritdoc cref="Eq{TValue}"/>
    public DocumentFilter Lte<TValue>(Expression<Func<T, TValue>> property, TValue value) => Field(property, FilterOperator.Lte, value);

    /// <summary>The property equals one of <paramref name="values"/>.</summary>
    /// <typeparam name="TValue">The property type.</typeparam>
    /// <param name="property">The property.</param>
    /// <param name="values">The values.</param>
    /// <returns>The filter.</returns>
    public DocumentFilter In<TValue>(Expression<Func<T, TValue>> property, params IEnumerable<TValue> values) =>
        new FieldFilter(DocumentPaths.Of(_typeInfo, property), FilterOperator.In, [.. values.Select(Serialize)]);

    /// <summary>Every filter holds.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The filter.</returns>
    public DocumentFilter And(params IEnumerable<DocumentFilter> filters) => new AndFilter([.. filters]);

    /// <summary>At least one filter holds.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The filter.</returns>
    public DocumentFilter Or(params IEnumerable<DocumentFilter> filters) => new OrFilter([.. filters]);

    private FieldFilter Field<TValue>(Expression<Func<T, TValue>> property, FilterOperator op, TValue value) =>
        new(DocumentPaths.Of(_typeInfo, property), op, [Serialize(value)]);

    private JsonElement Serialize<TValue>(TValue value) =>
        JsonSerializer.SerializeToElement(value, (JsonTypeInfo<TValue>)_typeInfo.Options.GetTypeInfo(typeof(TValue)));
}
