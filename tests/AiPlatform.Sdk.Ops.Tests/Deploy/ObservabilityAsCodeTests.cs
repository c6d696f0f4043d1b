using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AiPlatform.Sdk.Ops.Tests.Deploy;

/// <summary>
/// deploy/observability checked for real: the alert rules by promtool (syntax and one unit test per alert), and every dashboard
/// panel's and alert's PromQL evaluated against a live Prometheus that scrapes the reference host — no query may name a series the
/// platform does not emit.
/// </summary>
public sealed partial class ObservabilityAsCodeTests(ScrapedHostFixture fixture) : IClassFixture<ScrapedHostFixture>
{
    private static readonly string Rules = Path.Combine(Tools.Observability, "prometheus", "aiplatform-alerts.yaml");
    private static readonly string RuleTests = Path.Combine(Tools.Observability, "prometheus", "aiplatform-alerts.test.yaml");
    private static readonly string Dashboard = Path.Combine(Tools.Observability, "grafana", "aiplatform-overview.json");

    [Fact]
    public async Task The_platform_series_exist_in_prometheus_with_their_labels()
    {
        var prometheus = fixture.Prometheus;
        var job = ScrapedHostFixture.Job;
        Assert.NotEqual(0, (await prometheus.QueryAsync($"target_info{{job=\"{job}\",service_name=\"AiPlatform.ReferenceHost\"}}")).GetArrayLength());
        Assert.NotEqual(0, (await prometheus.QueryAsync($"http_server_request_duration_seconds_count{{job=\"{job}\",http_route=\"/v1/collections/{{name}}/search\",http_request_method=\"POST\",http_response_status_code=\"200\"}}")).GetArrayLength());
        Assert.NotEqual(0, (await prometheus.QueryAsync($"aiplatform_inference_duration_seconds_bucket{{job=\"{job}\",aiplatform_model=\"{ScrapedHostFixture.Model}\",aiplatform_model_version=\"1\"}}")).GetArrayLength());
        Assert.NotEqual(0, (await prometheus.QueryAsync($"aiplatform_operation_duration_seconds_count{{job=\"{job}\",aiplatform_component=\"local-objects\"}}")).GetArrayLength());
        Assert.NotEqual(0, (await prometheus.QueryAsync($"aiplatform_embeddings_batch_texts_sum{{job=\"{job}\",aiplatform_model!=\"\"}}")).GetArrayLength());
        var vectors = await prometheus.QueryAsync($"aiplatform_vector_index_vectors{{job=\"{job}\"}}");
        Assert.Contains(vectors.EnumerateArray(), v => double.Parse(v.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        var health = await prometheus.QueryAsync($"aiplatform_health_status{{job=\"{job}\",aiplatform_health_ready=\"true\"}}");
        Assert.NotEqual(0, health.GetArrayLength());
        Assert.All(health.EnumerateArray(), h => Assert.Equal("1", h.GetProperty("value")[1].GetString()));
    }

    [Fact]
    public async Task Promtool_accepts_the_rules_and_every_alert_passes_its_unit_test()
    {
        var check = await Tools.RunAsync(Tools.Promtool, Path.GetDirectoryName(Rules)!, "check", "rules", Path.GetFileName(Rules));
        Assert.True(check.ExitCode == 0, check.Output);
        var test = await Tools.RunAsync(Tools.Promtool, Path.GetDirectoryName(RuleTests)!, "test", "rules", Path.GetFileName(RuleTests));
        Assert.True(test.ExitCode == 0, test.Output);

        // Every alert has a unit test and a runbook section in docs/operations.md.
        var alerts = AlertRules().ToList();
        var tests = File.ReadAllText(RuleTests);
        var anchors = File.ReadAllLines(Path.Combine(Tools.RepositoryRoot, "docs", "operations.md"))
            .Where(l => l.StartsWith('#')).Select(l => HeadingAnchor(l.TrimStart('#').Trim())).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(alerts);
        Assert.All(alerts, a =>
        {
            Assert.Contains($"alertname: {a.Name}", tests, StringComparison.Ordinal);
            Assert.StartsWith("docs/operations.md#runbook-", a.Runbook, StringComparison.Ordinal);
            var anchor = a.Runbook["docs/operations.md#".Length..].Split(' ')[0];
            Assert.True(anchors.Contains(anchor), $"{a.Name}: docs/operations.md has no section #{anchor}");
        });
    }

    [Fact]
    public async Task Every_dashboard_panel_query_runs_on_live_prometheus_and_names_only_emitted_series()
    {
        var dashboard = JsonDocument.Parse(File.ReadAllText(Dashboard)).RootElement;
        var queries = dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (Panel: p.GetProperty("title").GetString()!, Expr: t.GetProperty("expr").GetString()!)))
            .ToList();
        Assert.True(queries.Count >= 12, "the overview has a panel per platform part");
        var emitted = await fixture.Prometheus.MetricNamesAsync();
        var conditional = ConditionalSeries();
        foreach (var (panel, expr) in queries)
        {
            var promql = expr.Replace("$__rate_interval", "1m", StringComparison.Ordinal).Replace("$job", ScrapedHostFixture.Job, StringComparison.Ordinal);
            Assert.DoesNotContain("$", promql, StringComparison.Ordinal);
            var result = await fixture.Prometheus.QueryAsync(promql);
            var names = MetricNames(promql);
            Assert.True(names.Count > 0, $"panel '{panel}' names no series");
            Assert.All(names, name => Assert.True(emitted.Contains(name) || conditional.Contains(name), $"panel '{panel}' queries {name}, which the platform does not emit"));
            if (names.All(emitted.Contains))
            {
                Assert.True(result.GetArrayLength() > 0, $"panel '{panel}' shows no data: {promql}");
            }
        }
    }

    [Fact]
    public async Task Every_alert_expression_runs_on_live_prometheus_and_names_only_emitted_series()
    {
        var emitted = await fixture.Prometheus.MetricNamesAsync();
        var conditional = ConditionalSeries();
        foreach (var alert in AlertRules())
        {
            await fixture.Prometheus.QueryAsync(alert.Expr);
            Assert.All(MetricNames(alert.Expr), name =>
                Assert.True(emitted.Contains(name) || conditional.Contains(name) || name == "up", $"alert {alert.Name} queries {name}, which the platform does not emit"));
        }
    }

    [Fact]
    public void Series_emitted_only_under_a_condition_are_declared_by_the_sdk()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(Tools.RepositoryRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText).ToList();
        Assert.All(ConditionalSeries(), series =>
        {
            var instrument = $"\"{series.Replace('_', '.')}\"";
            Assert.True(sources.Any(s => s.Contains(instrument, StringComparison.Ordinal)), $"{series}: no instrument {instrument} in src/");
        });
    }

    /// <summary>GitHub's anchor of a Markdown heading: lower case, punctuation dropped, spaces as dashes.</summary>
    private static string HeadingAnchor(string heading) =>
        new string([.. heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')]).Replace(' ', '-');

    private static HashSet<string> ConditionalSeries() =>
        File.ReadAllLines(Path.Combine(Tools.Observability, "conditional-series.txt"))
            .Select(l => l.Split('#')[0].Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);

    /// <summary>The series a query names: identifiers followed by a selector or range, without PromQL's functions and keywords.</summary>
    private static HashSet<string> MetricNames(string promql)
    {
        var withoutStrings = QuotedString().Replace(promql, "\"\"");
        var withoutMatchers = Matchers().Replace(withoutStrings, "{}");
        var withoutGroupings = Grouping().Replace(withoutMatchers, string.Empty);
        return Identifier().Matches(withoutGroupings).Select(m => m.Groups["name"].Value)
            .Where(n => !Keywords.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "sum", "min", "max", "avg", "count", "rate", "irate", "increase", "deriv", "histogram_quantile", "and", "or", "unless", "by",
        "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "le", "abs", "clamp_min", "clamp_max", "vector",
    };

    private static IEnumerable<(string Name, string Expr, string Runbook)> AlertRules()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Rules))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            foreach (var rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                var annotations = (YamlMappingNode)rule["annotations"];
                yield return (rule["alert"].ToString(), rule["expr"].ToString(), annotations["runbook"].ToString());
            }
        }
    }

    [GeneratedRegex("\"[^\"]*\"")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Matchers();

    [GeneratedRegex(@"\b(by|without|on|ignoring)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<name>\b[a-zA-Z_:][a-zA-Z0-9_:]*)\s*(?=[{\[]|\)|\s*[><=!]|\s*$|\s+(and|or|unless)\b)")]
    private static partial Regex Identifier();
}
