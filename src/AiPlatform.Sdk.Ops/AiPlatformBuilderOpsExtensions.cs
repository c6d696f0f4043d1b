using AiPlatform.Sdk.Ops;
using AiPlatform.Sdk.Ops.Health;
using AiPlatform.Sdk.Ops.Logging;
using AiPlatform.Sdk.Ops.Redaction;
using AiPlatform.Sdk.Ops.Resources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AiPlatform.Sdk;

/// <summary>Adds the Ops layer to the platform.</summary>
public static class AiPlatformBuilderOpsExtensions
{
    /// <summary>
    /// Makes the app observable the platform's way, from <c>AiPlatform:Ops</c> (<see cref="OpsSettings"/>): OpenTelemetry traces,
    /// metrics and logs for every <see cref="Instrumentation"/> source and meter; OTLP export when <c>AiPlatform:Ops:Otlp:Endpoint</c> or
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; service and Kubernetes resource attributes; JSON console lines with trace and span ids;
    /// configuration secrets masked in logs and span attributes. ASP.NET Core hosts get Prometheus scraping from AiPlatform.Sdk.AspNetCore's
    /// <c>MapPlatformServer()</c>. Calling it again only adds <paramref name="configure"/> to the validated settings.
    /// </summary>
    /// <param name="platform">The platform builder.</param>
    /// <param name="configure">Applied after configuration binding.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static AiPlatformBuilder AddOps(this AiPlatformBuilder platform, Action<OpsSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(platform);
        platform.AddSettings(OpsSettings.SectionPath, configure);
        var services = platform.Services;
        if (services.Any(d => d.ServiceType == typeof(OpsRegistration)))
        {
            return platform;
        }

        var settings = new OpsSettings();
        platform.GetSection(OpsSettings.SectionPath).Bind(settings);
        configure?.Invoke(settings);
        var scrubber = settings.Redaction.Enabled ? SecretScrubber.FromConfiguration(platform.Configuration) : SecretScrubber.None;
        services.AddSingleton(new OpsRegistration(settings));
        services.AddSingleton(scrubber);

        var otlp = OtlpConfigured(settings, platform.Configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => OpsResource.Configure(r, settings, name => platform.Configuration[name] ?? Environment.GetEnvironmentVariable(name)));
        if (settings.Tracing.Enabled)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource([.. Instrumentation.ActivitySources]).AddProcessor(new RedactingActivityProcessor(scrubber));
                if (settings.Tracing.SamplingRatio is { } ratio and >= 0 and <= 1) // Out of range fails the start with the key named.
                {
                    tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)));
                }

                if (otlp)
                {
                    tracing.AddOtlpExporter(options => ConfigureOtlp(options, settings.Otlp, "v1/traces"));
                }
            });
        }

        if (settings.Metrics.Enabled)
        {
            services.AddHealthChecks();
            services.AddSingleton<IHealthCheckPublisher, HealthStatusMetrics>();
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Instrumentation.Meters]);
                if (otlp)
                {
                    metrics.AddOtlpExporter(options => ConfigureOtlp(options, settings.Otlp, "v1/metrics"));
                }
            });
        }

        if (settings.Logging.Enabled)
        {
            telemetry.WithLogging(
                logging =>
                {
                    // Processors run in the order added: secrets are masked before the exporter sees the record.
                    logging.AddProcessor(new RedactingLogProcessor(scrubber));
                    if (otlp)
                    {
                        logging.AddOtlpExporter(options => ConfigureOtlp(options, settings.Otlp, "v1/logs"));
                    }
                },
                options => { options.IncludeFormattedMessage = true; options.IncludeScopes = true; });
        }

        if (settings.Logging.JsonConsole)
        {
            services.AddLogging(logging => logging.AddConsole().AddConsoleFormatter<JsonLogFormatter, ConsoleFormatterOptions>());
            services.Configure<ConsoleLoggerOptions>(options => options.FormatterName = JsonLogFormatter.FormatterName);
        }

        return platform;
    }

    private static bool OtlpConfigured(OpsSettings settings, IConfiguration configuration) =>
        settings.Otlp.Endpoint is not null || !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

    private static void ConfigureOtlp(OtlpExporterOptions options, OpsOtlpSettings otlp, string signalPath)
    {
        // Unset keys leave what the exporter read from the OTEL_EXPORTER_OTLP_* variables (which append the signal path themselves).
        if (otlp.Protocol is { } protocol)
        {
            options.Protocol = protocol == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        }

        if (otlp.Endpoint is { } endpoint)
        {
            options.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf
                ? new Uri(new Uri(endpoint.ToString().TrimEnd('/') + "/"), signalPath)
                : endpoint;
        }

        if (otlp.Headers is { } headers)
        {
            options.Headers = headers;
        }
    }
}
