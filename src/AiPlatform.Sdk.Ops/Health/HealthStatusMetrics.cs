using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Ops.Health;

/// <summary>
/// Publishes every health check's last result as the gauge <c>aiplatform.health.status</c> (1 healthy, 0.5 degraded, 0 unhealthy;
/// tags <c>aiplatform.health.check</c> and <c>aiplatform.health.ready</c>), so alerts can see readiness failing without probing.
/// Runs on the health-check publisher's schedule (first after 5 s, then every 30 s by default).
/// </summary>
internal sealed class HealthStatusMetrics : IHealthCheckPublisher, IDisposable
{
    /// <summary>The gauge's name.</summary>
    public const string Instrument = "aiplatform.health.status";

    private readonly ConcurrentDictionary<string, (double Value, bool Ready)> _last = new(StringComparer.Ordinal);
    private readonly Meter _meter;

    public HealthStatusMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(AiPlatformTelemetry.Ops);
        _meter.CreateObservableGauge(Instrument, Observe, description: "Last result of each health check: 1 healthy, 0.5 degraded, 0 unhealthy.");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var (name, entry) in report.Entries)
        {
            var value = entry.Status switch { HealthStatus.Healthy => 1.0, HealthStatus.Degraded => 0.5, _ => 0.0 };
            _last[name] = (value, entry.Tags.Contains(AiPlatformBuilderTelemetryExtensions.ReadyTag));
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _meter.Dispose();

    private IEnumerable<Measurement<double>> Observe() =>
        _last.Select(p => new Measurement<double>(p.Value.Value,
            new KeyValuePair<string, object?>("aiplatform.health.check", p.Key),
            new KeyValuePair<string, object?>("aiplatform.health.ready", p.Value.Ready)));
}
