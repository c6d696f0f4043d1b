namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>MLflow's limits on one <c>log-batch</c> request, and the split of a larger batch into requests within them.</summary>
internal static class TrackingLimits
{
    public const int MaxMetrics = 1000;
    public const int MaxParams = 100;
    public const int MaxTags = 100;
    public const int MaxItems = 1000;
    public const int MaxParamValueLength = 6000;
    public const int MaxTagValueLength = 8000;
    public const int MaxKeyLength = 250;

    /// <summary>Splits metrics, params and tags into batches that each respect every limit, keeping their order.</summary>
    public static IEnumerable<(Metric[] Metrics, KeyValuePair<string, string>[] Params, KeyValuePair<string, string>[] Tags)> Split(
        IReadOnlyList<Metric> metrics, IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        int m = 0, p = 0, t = 0;
        while (m < metrics.Count || p < parameters.Count || t < tags.Count)
        {
            var paramCount = Math.Min(MaxParams, parameters.Count - p);
            var tagCount = Math.Min(MaxTags, Math.Min(tags.Count - t, MaxItems - paramCount));
            var metricCount = Math.Min(MaxMetrics, Math.Min(metrics.Count - m, MaxItems - paramCount - tagCount));
            yield return ([.. metrics.Skip(m).Take(metricCount)], [.. parameters.Skip(p).Take(paramCount)], [.. tags.Skip(t).Take(tagCount)]);
            m += metricCount;
            p += paramCount;
            t += tagCount;
        }
    }

    /// <summary>Checks one key and value as MLflow does; the message names the item.</summary>
    public static void Validate(string kind, string key, string? value, int maxValueLength)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength || key.Contains("..", StringComparison.Ordinal) || key.StartsWith('/'))
        {
            throw TrackingErrors.Invalid("LogBatch", $"Invalid {kind} name '{key}': 1 to {MaxKeyLength} characters, no '..', not starting with '/'.");
        }

        if (value is not null && value.Length > maxValueLength)
        {
            throw TrackingErrors.Invalid("LogBatch", $"The value of {kind} '{key}' has {value.Length} characters; the limit is {maxValueLength}.");
        }
    }
}
