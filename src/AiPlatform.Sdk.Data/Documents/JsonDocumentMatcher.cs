using System.Text.Json;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>Evaluates filters and sort keys on JSON bodies, with MongoDB's semantics: ordering comparisons only between values of one JSON type.</summary>
internal static class JsonDocumentMatcher
{
    public static bool Matches(JsonElement body, DocumentFilter? filter) => filter switch
    {
        null => true,
        AndFilter and => and.Filters.All(f => Matches(body, f)),
        OrFilter or => or.Filters.Any(f => Matches(body, f)),
        FieldFilter field => Matches(Resolve(body, field.Path), field),
        _ => throw new NotSupportedException($"Unknown filter {filter.GetType().Name}."),
    };

    public static JsonElement? Resolve(JsonElement body, IReadOnlyList<string> path)
    {
        var current = body;
        foreach (var name in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    /// <summary>Orders values as MongoDB does across types (missing and null, numbers, strings, objects, arrays, booleans), then by value.</summary>
    public static int Compare(JsonElement? left, JsonElement? right)
    {
        var byType = Rank(left).CompareTo(Rank(right));
        return byType != 0 || left is null || right is null ? byType : CompareSameType(left.Value, right.Value) ?? 0;
    }

    private static bool Matches(JsonElement? value, FieldFilter field) => field.Operator switch
    {
        FilterOperator.Eq => value is { } v && Equal(v, field.Values[0]),
        FilterOperator.Ne => value is not { } v2 || !Equal(v2, field.Values[0]),
        FilterOperator.In => value is { } v3 && field.Values.Any(candidate => Equal(v3, candidate)),
        _ => value is { } v4 && CompareSameType(v4, field.Values[0]) is { } order && field.Operator switch
        {
            FilterOperator.Gt => order > 0,
            FilterOperator.Gte => order >= 0,
            FilterOperator.Lt => order < 0,
            _ => order <= 0,
        },
    };

    private static bool Equal(JsonElement left, JsonElement right) => JsonElement.DeepEquals(left, right);

    private static int? CompareSameType(JsonElement left, JsonElement right)
    {
        if (Rank(left) != Rank(right))
        {
            return null;
        }

        return left.ValueKind switch
        {
            JsonValueKind.Number => left.GetDouble().CompareTo(right.GetDouble()),
            JsonValueKind.String => string.CompareOrdinal(left.GetString(), right.GetString()),
            JsonValueKind.True or JsonValueKind.False => left.GetBoolean().CompareTo(right.GetBoolean()),
            JsonValueKind.Null => 0,
            _ => string.CompareOrdinal(left.GetRawText(), right.GetRawText()),
        };
    }

    private static int Rank(JsonElement? value) => value?.ValueKind switch
    {
        null or JsonValueKind.Null or JsonValueKind.Undefined => 0,
        JsonValueKind.Number => 1,
        JsonValueKind.String => 2,
        JsonValueKind.Object => 3,
        JsonValueKind.Array => 4,
        _ => 5,
    };
}
