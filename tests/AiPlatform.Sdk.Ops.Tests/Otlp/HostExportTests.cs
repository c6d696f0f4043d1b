using System.Text.Json;
using AiPlatform.Sdk.Testing;
using Google.Protobuf;

namespace AiPlatform.Sdk.Ops.Tests.Otlp;

/// <summary>
/// The reference host (which calls <c>AddOps()</c>) as a real process, configured for OTLP only through the standard environment
/// variables, exporting to an OTLP/gRPC receiver built from the collector's service definitions.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class HostExportTests
{
    [Fact]
    public async Task A_host_configured_only_by_OTEL_variables_exports_traces_metrics_and_logs_whose_trace_ids_match_its_json_lines()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        await using var host = await ReferenceHostProcess.StartAsync(
            settings: new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information" },
            environment: new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString(),
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
                ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
                ["POD_NAME"] = "aiplatform-7d9f-x2",
                ["POD_NAMESPACE"] = "ml-platform",
            });

        using var response = await host.Client.GetAsync("openapi/v1.json");
        response.EnsureSuccessStatusCode();

        await OtlpReceiver.WaitUntilAsync(() => receiver.Spans.Any(s => Attribute(s.Span.Attributes, "url.path") == "/openapi/v1.json"),
            "the request's server span", () => "Spans: " + string.Join("; ", receiver.Spans.Select(s => s.Span.Name + " " + string.Join(",", s.Span.Attributes.Select(a => a.Key + "=" + a.Value)))));
        await OtlpReceiver.WaitUntilAsync(() => receiver.MetricNames.Contains("http.server.request.duration"), "ASP.NET Core's request duration");
        await OtlpReceiver.WaitUntilAsync(() => receiver.LogRecords.Any(l => !l.TraceId.IsEmpty), "a log record written inside a request");

        var (resource, span) = receiver.Spans.First(s => Attribute(s.Span.Attributes, "url.path") == "/openapi/v1.json");
        Assert.Equal("AiPlatform.ReferenceHost", Attribute(resource, "service.name"));
        Assert.Equal("aiplatform-7d9f-x2", Attribute(resource, "k8s.pod.name"));
        Assert.Equal("ml-platform", Attribute(resource, "k8s.namespace.name"));
        Assert.Equal("aiplatform-7d9f-x2", Attribute(resource, "service.instance.id"));
        Assert.Contains(receiver.MetricNames, name => name.StartsWith("dotnet.", StringComparison.Ordinal));

        var requestTraceId = Convert.ToHexStringLower(span.TraceId.ToByteArray());
        Assert.Contains(receiver.LogRecords, l => Convert.ToHexStringLower(l.TraceId.ToByteArray()) == requestTraceId);

        // The console: one JSON object per line that is a log line; those written inside the request carry its trace id.
        var jsonLines = host.Output.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(jsonLines);
        Assert.All(jsonLines, line =>
        {
            Assert.True(DateTimeOffset.TryParse(line.GetProperty("timestamp").GetString(), out _));
            Assert.False(string.IsNullOrEmpty(line.GetProperty("level").GetString()));
            Assert.False(string.IsNullOrEmpty(line.GetProperty("category").GetString()));
            Assert.Equal(JsonValueKind.String, line.GetProperty("message").ValueKind);
        });
        var lineTraceIds = jsonLines.Where(l => l.TryGetProperty("traceId", out _)).Select(l => l.GetProperty("traceId").GetString()).ToList();
        Assert.Contains(requestTraceId, lineTraceIds);
    }

    internal static string? Attribute(IEnumerable<OpenTelemetry.Proto.Common.V1.KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(a => a.Key == key)?.Value.StringValue;
}
