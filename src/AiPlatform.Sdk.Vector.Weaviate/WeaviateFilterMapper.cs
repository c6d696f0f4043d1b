using System.Globalization;
using AiPlatform.Sdk.Vector.VectorData;
using AiPlatform.Sdk.Vector.Weaviate.Protocol;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>Maps a <see cref="FilterNode"/> to Weaviate's gRPC <see cref="Filters"/>.</summary>
internal static class WeaviateFilterMapper
{
    /// <summary>The Weaviate filter equivalent to <paramref name="node"/>.</summary>
    /// <exception cref="NotSupportedException">A value has no Weaviate filter representation.</exception>
    public static Filters Map(FilterNode node) => node switch
    {
        AndNode and => new Filters { Operator = Filters.Types.Operator.And, Filters_ = { Map(and.Left), Map(and.Right) } },
        OrNode or => new Filters { Operator = Filters.Types.Operator.Or, Filters_ = { Map(or.Left), Map(or.Right) } },
        NotNode not => new Filters { Operator = Filters.Types.Operator.Not, Filters_ = { Map(not.Operand) } },
        ComparisonNode { Value: null } isNull => new Filters
        {
            Operator = Filters.Types.Operator.IsNull,
            Target = Target(isNull.StorageName),
            ValueBoolean = isNull.Operator == ComparisonOperator.Equal,
        },
        ComparisonNode comparison => WithValue(new Filters { Operator = Operator(comparison.Operator), Target = Target(comparison.StorageName) }, comparison.Value),
        ContainsNode contains => WithValues(new Filters { Operator = Filters.Types.Operator.ContainsAny, Target = Target(contains.StorageName) }, [contains.Value]),
        InNode @in => WithValues(new Filters { Operator = Filters.Types.Operator.ContainsAny, Target = Target(@in.StorageName) }, @in.Values),
        _ => throw new NotSupportedException($"The filter node {node.GetType().Name} has no Weaviate equivalent."),
    };

    private static FilterTarget Target(string storageName) => new() { Property = WeaviateNames.Property(storageName) };

    private static Filters WithValue(Filters filters, object? value)
    {
        switch (value)
        {
            case string text:
                filters.ValueText = text;
                break;
            case long number:
                filters.ValueInt = number;
                break;
            case double number:
                filters.ValueNumber = number;
                break;
            case bool flag:
                filters.ValueBoolean = flag;
                break;
            case Guid guid:
                filters.ValueText = guid.ToString();
                break;
            case DateTimeOffset time:
                filters.ValueText = time.ToString("O", CultureInfo.InvariantCulture);
                break;
            default:
                throw new NotSupportedException($"A filter value of type {value?.GetType().Name ?? "null"} has no Weaviate equivalent.");
        }

        return filters;
    }

    private static Filters WithValues(Filters filters, IReadOnlyList<object?> values)
    {
        if (values.All(v => v is long))
        {
            filters.ValueIntArray = new IntArray { Values = { values.Cast<long>() } };
        }
        else if (values.All(v => v is double or long))
        {
            filters.ValueNumberArray = new NumberArray { Values = { values.Select(Convert.ToDouble) } };
        }
        else if (values.All(v => v is bool))
        {
            filters.ValueBooleanArray = new BooleanArray { Values = { values.Cast<bool>() } };
        }
        else
        {
            filters.ValueTextArray = new TextArray { Values = { values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "") } };
        }

        return filters;
    }

    private static Filters.Types.Operator Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => Filters.Types.Operator.Equal,
        ComparisonOperator.NotEqual => Filters.Types.Operator.NotEqual,
        ComparisonOperator.GreaterThan => Filters.Types.Operator.GreaterThan,
        ComparisonOperator.GreaterThanOrEqual => Filters.Types.Operator.GreaterThanEqual,
        ComparisonOperator.LessThan => Filters.Types.Operator.LessThan,
        _ => Filters.Types.Operator.LessThanEqual,
    };
}
