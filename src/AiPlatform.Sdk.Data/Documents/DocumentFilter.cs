using System.Text.Json;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>A condition on documents, built with <see cref="DocumentFilterBuilder{T}"/> and translated by each provider.</summary>
public abstract record DocumentFilter;

/// <summary>Compares the value at a JSON path with a constant.</summary>
/// <param name="Path">The JSON property names from the root, such as <c>["author", "name"]</c>.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Values">The constant (one value; several for <see cref="FilterOperator.In"/>).</param>
public sealed record FieldFilter(IReadOnlyList<string> Path, FilterOperator Operator, IReadOnlyList<JsonElement> Values) : DocumentFilter;

/// <summary>All of the conditions hold.</summary>
/// <param name="Filters">The conditions.</param>
public sealed record AndFilter(IReadOnlyList<DocumentFilter> Filters) : DocumentFilter;

/// <summary>At least one of the conditions holds.</summary>
/// <param name="Filters">The conditions.</param>
public sealed record OrFilter(IReadOnlyList<DocumentFilter> Filters) : DocumentFilter;

/// <summary>The comparisons a <see cref="FieldFilter"/> can make. Ordering comparisons only match values of the constant's JSON type.</summary>
public enum FilterOperator
{
    /// <summary>Equal.</summary>
    Eq,

    /// <summary>Not equal, or missing.</summary>
    Ne,

    /// <summary>Greater than.</summary>
    Gt,

    /// <summary>Greater than or equal.</summary>
    Gte,

    /// <summary>Less than.</summary>
    Lt,

    /// <summary>Less than or equal.</summary>
    Lte,

    /// <summary>Equal to one of several values.</summary>
    In,
}
