using System.Globalization;

namespace AiPlatform.Sdk.Training.Sweeps;

/// <summary>A trial's report line, <c>aiplatform.report step=3 loss=0.25 accuracy=0.9</c>: a step and named metric values.</summary>
internal sealed record TrialReport(long Step, IReadOnlyDictionary<string, double> Metrics)
{
    public const string Prefix = "aiplatform.report ";

    /// <summary>The report a log line carries, or <see langword="null"/> for any other line (and for a malformed report).</summary>
    public static TrialReport? Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        long? step = null;
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var pair in line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return null;
            }

            var (name, value) = (pair[..equals], pair[(equals + 1)..]);
            if (name == "step")
            {
                step = long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
                if (step is null)
                {
                    return null;
                }
            }
            else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                metrics[name] = number;
            }
            else
            {
                return null;
            }
        }

        return step is { } at && metrics.Count > 0 ? new TrialReport(at, metrics) : null;
    }
}
