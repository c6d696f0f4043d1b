using System.Diagnostics;
using System.Text;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace AiPlatform.Sdk.Ops.Tests.Otlp;

/// <summary>Secrets from the configuration never leave the app: not in exported spans and log records, not on the console.</summary>
[Trait("Kind", "Contract")]
public sealed class RedactionTests
{
    private const string ClientSecret = "client-secret-5f1e9a";
    private const string DatabasePassword = "pg-pass-93ab17";
    private const string OtlpKey = "otlp-key-77c2d0";
    private const string ConnectionString = $"Host=db.internal;Username=app;Password={DatabasePassword}";

    [Fact]
    public async Task Secrets_in_messages_exceptions_and_span_attributes_are_masked_before_export()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Identity:ClientSecret"] = ClientSecret,
            ["AiPlatform:Data:Relational:ConnectionString"] = ConnectionString,
            ["AiPlatform:Ops:Otlp:Endpoint"] = receiver.Endpoint.ToString(),
            ["AiPlatform:Ops:Otlp:Headers"] = $"api-key={OtlpKey}",
        });
        builder.Services.AddAiPlatformCore(builder.Configuration).AddOps();
        string? traceId;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILogger<RedactionTests>>();
            using var source = new ActivitySource(AiPlatformTelemetry.Data);
            using (var activity = source.StartActivity($"connect {ConnectionString}"))
            {
                Assert.NotNull(activity);
                traceId = activity.TraceId.ToHexString();
                activity.SetTag("db.connection_string", ConnectionString);
                activity.SetTag("http.request.header.authorization", "Bearer eyJhbGciOi.not-a-configured-value");
                activity.SetTag("aiplatform.client", "postgres");
                logger.LogError(new InvalidOperationException($"login rejected for secret {ClientSecret}"),
                    "Connecting with {ConnectionString} failed", ConnectionString);
            }

            await host.StopAsync();
        } // Disposing the providers flushes the exporters.

        var exported = Encoding.UTF8.GetString(receiver.AllBytes());
        Assert.Contains("***", exported, StringComparison.Ordinal);
        Assert.DoesNotContain(ClientSecret, exported, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabasePassword, exported, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-configured-value", exported, StringComparison.Ordinal);

        var span = Assert.Single(receiver.Spans, s => Convert.ToHexStringLower(s.Span.TraceId.ToByteArray()) == traceId).Span;
        Assert.Equal("connect Host=db.internal;Username=app;Password=***", span.Name);
        Assert.Equal("postgres", HostExportTests.Attribute(span.Attributes, "aiplatform.client"));
        Assert.Equal("***", HostExportTests.Attribute(span.Attributes, "http.request.header.authorization"));
        var log = Assert.Single(receiver.LogRecords, l => Convert.ToHexStringLower(l.TraceId.ToByteArray()) == traceId);
        Assert.Contains("Password=*** failed", log.Body.StringValue, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_console_line_masks_secrets_and_carries_the_current_span()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Data:Relational:ConnectionString"] = ConnectionString,
            ["AiPlatform:Identity:ClientSecret"] = ClientSecret,
        });
        builder.Services.AddAiPlatformCore(builder.Configuration).AddOps();
        using var host = builder.Build();
        Assert.Equal("aiplatform-json", host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ConsoleLoggerOptions>>().Value.FormatterName);
        var formatter = host.Services.GetServices<ConsoleFormatter>().Single(f => f.Name == "aiplatform-json");

        using var activity = new Activity("work").Start();
        var state = new List<KeyValuePair<string, object?>> { new("Attempt", 3), new("password", "hunter22"), new("Target", ConnectionString) };
        var entry = new LogEntry<List<KeyValuePair<string, object?>>>(
            LogLevel.Warning, "Orders", new EventId(7, "Retry"), state, new InvalidOperationException(ClientSecret), (_, _) => $"retrying {ConnectionString}");
        using var writer = new StringWriter();
        formatter.Write(entry, null, writer);

        var line = writer.ToString();
        Assert.EndsWith(Environment.NewLine, line, StringComparison.Ordinal);
        var json = System.Text.Json.JsonDocument.Parse(line).RootElement;
        Assert.Equal("Warning", json.GetProperty("level").GetString());
        Assert.Equal("Orders", json.GetProperty("category").GetString());
        Assert.Equal(7, json.GetProperty("eventId").GetInt32());
        Assert.Equal("retrying Host=db.internal;Username=app;Password=***", json.GetProperty("message").GetString());
        Assert.Equal(activity.TraceId.ToHexString(), json.GetProperty("traceId").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), json.GetProperty("spanId").GetString());
        Assert.Equal(3, json.GetProperty("attributes").GetProperty("Attempt").GetInt32());
        Assert.Equal("***", json.GetProperty("attributes").GetProperty("password").GetString());
        Assert.DoesNotContain(ClientSecret, line, StringComparison.Ordinal);
        Assert.DoesNotContain(DatabasePassword, line, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", json.GetProperty("exception").GetString(), StringComparison.Ordinal);
    }
}
