namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>Compiles a <see cref="FilterNode"/> into a predicate over stored payloads (storage name to normal-form value).</summary>
internal static class FilterEvaluator
{
    /// <summary>Returns the predicate that <paramref name="filter"/> describes.</summary>
    public static Func<IReadOnlyDictionary<string, object?>, bool> Compile(FilterNode filter) => filter switch
    {
        ConstantNode constant => constant.Value ? static _ => true : static _ => false,
        AndNode and => Both(Compile(and.Left), Compile(and.Right)),
        OrNode or => Either(Compile(or.Left), Compile(or.Right)),
        NotNode not => Negate(Compile(not.Operand)),
        ComparisonNode comparison => payload => Matches(Value(payload, comparison.StorageName), comparison.Operator, comparison.Value),
        ContainsNode contains => payload => Value(payload, contains.StorageName) is Array tags &&
                                            tags.Cast<object?>().Any(tag => PayloadValue.AreEqual(tag, contains.Value)),
        InNode @in => payload => Value(payload, @in.StorageName) is var value && @in.Values.Any(v => PayloadValue.AreEqual(value, v)),
        _ => throw new NotSupportedException($"The filter node {filter.GetType().Name} has no evaluation."),
    };

    private static Func<IReadOnlyDictionary<string, object?>, bool> Both(
        Func<IReadOnlyDictionary<string, object?>, bool> left, Func<IReadOnlyDictionary<string, object?>, bool> right) =>
        payload => left(payload) && right(payload);

    private static Func<IReadOnlyDictionary<string, object?>, bool> Either(
        Func<IReadOnlyDictionary<string, object?>, bool> left, Func<IReadOnlyDictionary<string, object?>, bool> right) =>
        payload => left(payload) || right(payload);

    private static Func<IReadOnlyDictionary<string, object?>, bool> Negate(Func<IReadOnlyDictionary<string, object?>, bool> operand) =>
        payload => !operand(payload);

    private static object? Value(IReadOnlyDictionary<string, object?> payload, string name) =>
        payload.TryGetValue(name, out var value) ? value : null;

    private static bool Matches(object? value, ComparisonOperator op, object? constant) => op switch
    {
        ComparisonOperator.Equal => PayloadValue.AreEqual(value, constant),
        ComparisonOperator.NotEqual => !PayloadValue.AreEqual(value, constant),
        _ => PayloadValue.Compare(value, constant) is { } order && op switch
        {
            ComparisonOperator.GreaterThan => order > 0,
            ComparisonOperator.GreaterThanOrEqual => order >= 0,
            ComparisonOperator.LessThan => order < 0,
            _ => order <= 0,
        },
    };
}
