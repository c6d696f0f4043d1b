using System.Text.RegularExpressions;

namespace AiPlatform.Sdk.Training.Tracking.Embedded;

/// <summary>
/// MLflow's run ordering (<c>metrics.acc DESC</c>, <c>attributes.start_time</c>, <c>params.lr ASC</c>): clauses applied in turn, runs
/// without the value last, then newest first and by run id, as MLflow's stores break ties.
/// </summary>
internal static partial class RunOrder
{
    public static IEnumerable<RunDocument> Sort(IEnumerable<RunDocument> runs, IReadOnlyList<string> orderBy)
    {
        IOrderedEnumerable<RunDocument>? sorted = null;
        foreach (var clause in orderBy)
        {
            var match = Clause().Match(clause);
            if (!match.Success)
            {
                throw TrackingErrors.Invalid("SearchRuns", $"Invalid order_by clause '{clause}': expected '<entity>.<name> [ASC|DESC]'.");
            }

            string entity;
            try
            {
                entity = RunFilter.Entity(match.Groups["entity"].Value);
                _ = RunFilter.Read(new RunDocument { RunId = string.Empty, ExperimentId = string.Empty }, entity, Name(match));
            }
            catch (ArgumentException ex)
            {
                throw TrackingErrors.Invalid("SearchRuns", $"Invalid order_by clause '{clause}': {ex.Message}");
            }

            var name = Name(match);
            var descending = match.Groups["direction"].Value.Equals("DESC", StringComparison.OrdinalIgnoreCase);
            var missingLast = (Func<RunDocument, bool>)(run => RunFilter.Read(run, entity, name) is null);
            var value = (Func<RunDocument, object?>)(run => RunFilter.Read(run, entity, name));
            sorted = sorted is null ? runs.OrderBy(missingLast) : sorted.ThenBy(missingLast);
            sorted = descending ? sorted.ThenByDescending(value, ValueComparer.Instance) : sorted.ThenBy(value, ValueComparer.Instance);
        }

        sorted = sorted is null ? runs.OrderByDescending(r => r.StartTime) : sorted.ThenByDescending(r => r.StartTime);
        return sorted.ThenBy(r => r.RunId, StringComparer.Ordinal);
    }

    private static string Name(Match match) => match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["name"].Value;

    [GeneratedRegex("""^\s*(?<entity>[A-Za-z]+)\.(?:`(?<quoted>[^`]+)`|(?<name>[\w\-./:]+))(?:\s+(?<direction>(?i:ASC|DESC)))?\s*$""")]
    private static partial Regex Clause();

    private sealed class ValueComparer : IComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y) => (x, y) switch
        {
            (double a, double b) => a.CompareTo(b),
            (string a, string b) => string.CompareOrdinal(a, b),
            (null, null) => 0,
            (null, _) => 1,
            (_, null) => -1,
            _ => 0,
        };
    }
}
