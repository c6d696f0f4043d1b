using System.Globalization;
using System.Text.RegularExpressions;

namespace AiPlatform.Sdk.Training.Tracking.Embedded;

/// <summary>
/// MLflow's run filter string (<c>metrics.acc &gt; 0.9 and params.model = 'cnn' and attributes.status = 'FINISHED'</c>): clauses
/// joined by <c>and</c>; entities <c>metrics</c>, <c>params</c>, <c>tags</c>, <c>attributes</c> (singular forms too), names optionally in
/// backquotes; numbers for metrics and time attributes, quoted strings otherwise; <c>=</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>,
/// <c>&gt;</c>, <c>&gt;=</c>, and <c>LIKE</c>/<c>ILIKE</c> for strings. A malformed filter fails naming the token.
/// </summary>
internal sealed partial class RunFilter
{
    private readonly List<Func<RunDocument, bool>> _clauses = [];

    private RunFilter()
    {
    }

    public static RunFilter Parse(string? filter)
    {
        var parsed = new RunFilter();
        if (string.IsNullOrWhiteSpace(filter))
        {
            return parsed;
        }

        var position = 0;
        while (true)
        {
            var match = Clause().Match(filter, position);
            if (!match.Success || match.Index != position)
            {
                throw Invalid(filter, position);
            }

            parsed._clauses.Add(Build(match, filter));
            position = match.Index + match.Length;
            if (position >= filter.Length)
            {
                return parsed;
            }

            var and = And().Match(filter, position);
            if (!and.Success || and.Index != position)
            {
                throw Invalid(filter, position);
            }

            position += and.Length;
        }
    }

    public bool Matches(RunDocument run) => _clauses.All(c => c(run));

    /// <summary>The value an entity name reads from a run: a metric as a number, anything else as text; <see langword="null"/> when absent.</summary>
    public static object? Read(RunDocument run, string entity, string name) => entity switch
    {
        "metrics" => run.LatestMetrics.TryGetValue(name, out var m) ? m.Value : null,
        "params" => run.Params.GetValueOrDefault(name),
        "tags" => run.Tags.GetValueOrDefault(name),
        _ => name switch
        {
            "status" => run.Status,
            "run_name" => run.RunName,
            "run_id" => run.RunId,
            "user_id" => run.UserId,
            "artifact_uri" => run.ArtifactUri,
            "start_time" => (double)run.StartTime,
            "end_time" => run.EndTime is { } end ? (double)end : null,
            _ => throw new ArgumentException($"'{name}' is not a run attribute: status, run_name, run_id, user_id, artifact_uri, start_time or end_time."),
        },
    };

    /// <summary>Normalises an entity name (<c>metric</c> → <c>metrics</c>, <c>attribute</c>/<c>run</c> → <c>attributes</c>).</summary>
    public static string Entity(string entity) => entity.ToLowerInvariant() switch
    {
        "metric" or "metrics" => "metrics",
        "param" or "params" or "parameter" or "parameters" => "params",
        "tag" or "tags" => "tags",
        "attribute" or "attributes" or "run" => "attributes",
        var other => throw new ArgumentException($"'{other}' is not metrics, params, tags or attributes."),
    };

    private static Func<RunDocument, bool> Build(Match match, string filter)
    {
        string entity;
        try
        {
            entity = Entity(match.Groups["entity"].Value);
        }
        catch (ArgumentException ex)
        {
            throw TrackingErrors.Invalid("SearchRuns", $"Invalid filter '{filter}' at '{match.Value}': {ex.Message}");
        }

        var name = match.Groups["quoted"].Success ? match.Groups["quoted"].Value : match.Groups["name"].Value;
        var op = match.Groups["op"].Value.ToUpperInvariant();
        var text = match.Groups["string"].Success ? match.Groups["string"].Value : match.Groups["string2"].Success ? match.Groups["string2"].Value : null;
        var numeric = entity == "metrics" || (entity == "attributes" && name is "start_time" or "end_time");
        if (entity == "attributes")
        {
            try
            {
                _ = Read(new RunDocument { RunId = string.Empty, ExperimentId = string.Empty }, entity, name);
            }
            catch (ArgumentException ex)
            {
                throw TrackingErrors.Invalid("SearchRuns", $"Invalid filter '{filter}' at '{match.Value}': {ex.Message}");
            }
        }

        if (numeric)
        {
            if (text is not null || op is "LIKE" or "ILIKE" ||
                !double.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                throw TrackingErrors.Invalid("SearchRuns", $"Invalid filter '{filter}' at '{match.Value}': {entity}.{name} compares with a number.");
            }

            return run => Read(run, entity, name) is double value && Compare(value.CompareTo(number), op);
        }

        if (text is null || op is "<" or "<=" or ">" or ">=")
        {
            throw TrackingErrors.Invalid("SearchRuns", $"Invalid filter '{filter}' at '{match.Value}': {entity}.{name} compares with a quoted string by =, !=, LIKE or ILIKE.");
        }

        return op switch
        {
            "LIKE" or "ILIKE" => Like(entity, name, text, op == "ILIKE"),
            _ => run => Read(run, entity, name) is string value && Compare(string.CompareOrdinal(value, text), op),
        };
    }

    private static Func<RunDocument, bool> Like(string entity, string name, string pattern, bool ignoreCase)
    {
        var regex = new Regex(
            "^" + Regex.Escape(pattern).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant | RegexOptions.Singleline,
            TimeSpan.FromMilliseconds(100));
        return run => Read(run, entity, name) is string value && regex.IsMatch(value);
    }

    private static bool Compare(int comparison, string op) => op switch
    {
        "=" => comparison == 0,
        "!=" => comparison != 0,
        "<" => comparison < 0,
        "<=" => comparison <= 0,
        ">" => comparison > 0,
        _ => comparison >= 0,
    };

    private static AiPlatformValidationException Invalid(string filter, int position) =>
        TrackingErrors.Invalid("SearchRuns", $"Invalid filter '{filter}': cannot parse '{filter[position..].Trim()}' at position {position}.");

    [GeneratedRegex(
        """\G\s*(?<entity>[A-Za-z]+)\.(?:`(?<quoted>[^`]+)`|(?<name>[\w\-./:]+))\s*(?<op>!=|>=|<=|=|<|>|(?i:ILIKE)|(?i:LIKE))\s*(?:'(?<string>[^']*)'|"(?<string2>[^"]*)"|(?<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?))\s*""")]
    private static partial Regex Clause();

    [GeneratedRegex("""\G(?i:and)\b\s*""")]
    private static partial Regex And();
}
