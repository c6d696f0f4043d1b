namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>A provider-neutral filter, translated once from a LINQ expression and mapped by each provider to its own filter.</summary>
internal abstract record FilterNode;

/// <summary>How a property is compared with a constant.</summary>
internal enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}

/// <summary><c>property op value</c>, with the value in <see cref="PayloadValue"/> normal form.</summary>
internal sealed record ComparisonNode(string StorageName, ComparisonOperator Operator, object? Value) : FilterNode;

/// <summary><c>record.Tags.Contains(value)</c>: a tag-list property holds the value.</summary>
internal sealed record ContainsNode(string StorageName, object Value) : FilterNode;

/// <summary><c>values.Contains(record.Property)</c>: a scalar property equals one of the values.</summary>
internal sealed record InNode(string StorageName, IReadOnlyList<object?> Values) : FilterNode;

/// <summary>
/// A filter that folded to a constant (<c>r =&gt; true</c>, or a condition over captured values only). After translation it is
/// only ever the whole filter, never an operand: <see cref="FilterTranslator"/> folds it out of <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>.
/// </summary>
internal sealed record ConstantNode(bool Value) : FilterNode;

/// <summary>Both operands hold.</summary>
internal sealed record AndNode(FilterNode Left, FilterNode Right) : FilterNode;

/// <summary>Either operand holds.</summary>
internal sealed record OrNode(FilterNode Left, FilterNode Right) : FilterNode;

/// <summary>The operand does not hold.</summary>
internal sealed record NotNode(FilterNode Operand) : FilterNode;
