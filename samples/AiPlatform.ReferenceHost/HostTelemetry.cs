using AiPlatform.Sdk.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AiPlatform.ReferenceHost;

/// <summary>OpenTelemetry for the host: every AiPlatform source and meter, ASP.NET Core and HttpClient instrumentation,
/// Prometheus text at <c>/metrics</c>, and OTLP export when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
internal static class HostTelemetry
{
    public static void AddHostTelemetry(this WebApplicationBuilder builder)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["AiPlatform:ServiceName"] ?? "aiplatform-reference-host"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. AiPlatformTelemetry.AllNames]).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation().AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource([.. AiPlatformTelemetry.AllNames]).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
    }

    public static void MapHostTelemetry(this WebApplication app) =>
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
}
