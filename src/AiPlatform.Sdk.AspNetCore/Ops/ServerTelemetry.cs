using AiPlatform.Sdk.Ops;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiPlatform.Sdk.AspNetCore.Ops;

/// <summary>
/// What a server adds to the Ops layer's pipelines: ASP.NET Core's server spans with the HTTP semantic conventions (route, method,
/// status; the framework's own activity carries none), and Prometheus scraping — the exporter joins the meter provider AddOps builds,
/// and the text endpoint (<c>AiPlatform:Ops:Prometheus:Path</c>, default <c>/metrics</c>) is mapped only when AddOps ran with metrics
/// and Prometheus on. Without AddOps neither pipeline is built and these add nothing.
/// </summary>
internal static class ServerTelemetry
{
    public static void Add(WebApplicationBuilder builder)
    {
        var settings = Settings(builder.Configuration);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddAspNetCoreInstrumentation());
        if (settings.Metrics.Enabled && settings.Prometheus.Enabled)
        {
            builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddPrometheusExporter());
        }
    }

    public static IEndpointConventionBuilder? Map(IEndpointRouteBuilder endpoints)
    {
        var settings = endpoints.ServiceProvider.GetService<OpsRegistration>()?.Settings;
        if (settings is null || !settings.Metrics.Enabled || !settings.Prometheus.Enabled || !Settings(endpoints.ServiceProvider.GetRequiredService<IConfiguration>()).Prometheus.Enabled)
        {
            return null;
        }

        // Scrapers do not sign in; the series carry no caller data. Restrict the path at the ingress or by network policy (deploy/ does).
        return endpoints.MapPrometheusScrapingEndpoint(settings.Prometheus.Path).AllowAnonymous();
    }

    private static OpsSettings Settings(IConfiguration configuration)
    {
        var settings = new OpsSettings();
        configuration.GetSection(AiPlatformBuilder.SectionName).GetSection(OpsSettings.SectionPath).Bind(settings);
        return settings;
    }
}
