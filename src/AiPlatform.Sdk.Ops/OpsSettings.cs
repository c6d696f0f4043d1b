using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Ops;

/// <summary>
/// Settings of the Ops layer, bound from <c>AiPlatform:Ops</c>. Every part is on by default and switched off by its own <c>Enabled</c>
/// key; the standard <c>OTEL_*</c> environment variables apply where a key here is unset.
/// </summary>
public sealed class OpsSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Ops";

    /// <summary>The <c>service.name</c> resource attribute; defaults to <c>OTEL_SERVICE_NAME</c>, then the entry assembly's name.</summary>
    public string? ServiceName { get; set; }

    /// <summary>The <c>service.version</c> resource attribute; defaults to the entry assembly's informational version.</summary>
    public string? ServiceVersion { get; set; }

    /// <summary>Traces: every AiPlatform source plus ASP.NET Core, HttpClient and gRPC client spans.</summary>
    public OpsTracingSettings Tracing { get; set; } = new();

    /// <summary>Metrics: every AiPlatform meter plus ASP.NET Core, Kestrel, HttpClient, gRPC client and runtime meters.</summary>
    public OpsSignalSettings Metrics { get; set; } = new();

    /// <summary>Logs: OpenTelemetry log records (exported over OTLP) and JSON console lines carrying trace and span ids.</summary>
    public OpsLoggingSettings Logging { get; set; } = new();

    /// <summary>OTLP export; off until <see cref="OpsOtlpSettings.Endpoint"/> or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public OpsOtlpSettings Otlp { get; set; } = new();

    /// <summary>The Prometheus text endpoint of ASP.NET Core hosts (mapped by <c>MapPlatformServer()</c> of AiPlatform.Sdk.AspNetCore).</summary>
    public OpsPrometheusSettings Prometheus { get; set; } = new();

    /// <summary>Secrets redaction from log lines, log records and span attributes.</summary>
    public OpsSignalSettings Redaction { get; set; } = new();
}

/// <summary>A telemetry signal or feature that can be switched off.</summary>
public class OpsSignalSettings
{
    /// <summary>Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Trace settings of the Ops layer.</summary>
public sealed class OpsTracingSettings : OpsSignalSettings
{
    /// <summary>
    /// The share of new traces recorded, 0 to 1 (parent-based: a span follows its parent's decision). Unset: the SDK's default or
    /// <c>OTEL_TRACES_SAMPLER</c>/<c>OTEL_TRACES_SAMPLER_ARG</c>.
    /// </summary>
    [Range(0.0, 1.0)]
    public double? SamplingRatio { get; set; }
}

/// <summary>Log settings of the Ops layer.</summary>
public sealed class OpsLoggingSettings : OpsSignalSettings
{
    /// <summary>When <see langword="true"/> (default), the console writes one JSON object per line (see docs/operations.md).</summary>
    public bool JsonConsole { get; set; } = true;
}

/// <summary>OTLP export settings.</summary>
public sealed class OpsOtlpSettings
{
    /// <summary>The collector, such as <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>, as <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> spells them.</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "Protocol must be 'grpc' or 'http/protobuf'.")]
    public string? Protocol { get; set; }

    /// <summary>Headers sent with every export, <c>key1=value1,key2=value2</c> (an API key, for example); keep it in a secret store.</summary>
    public string? Headers { get; set; }
}

/// <summary>Prometheus scraping settings.</summary>
public sealed class OpsPrometheusSettings : OpsSignalSettings
{
    /// <summary>The scraping path; default <c>/metrics</c>.</summary>
    [RegularExpression("^/.*", ErrorMessage = "Path must start with '/'.")]
    public string Path { get; set; } = "/metrics";
}
