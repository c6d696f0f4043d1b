using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AiPlatform.Sdk.Telemetry;

/// <summary>
/// The span source and the instruments of one layer. Registered once per layer as a keyed singleton (key = the layer's name in
/// <see cref="AiPlatformTelemetry"/>); resolve it with <c>[FromKeyedServices(AiPlatformTelemetry.Vector)]</c>.
/// </summary>
public sealed class LayerTelemetry : IDisposable
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;

    /// <summary>Creates the source and instruments of a layer.</summary>
    /// <param name="name">The layer's name, one of <see cref="AiPlatformTelemetry"/>'s constants.</param>
    /// <param name="meterFactory">The host's meter factory; when <see langword="null"/>, an unshared meter is created.</param>
    public LayerTelemetry(string name, IMeterFactory? meterFactory)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ActivitySource = new ActivitySource(name);
        Meter = meterFactory?.Create(name) ?? new Meter(name);
        _duration = Meter.CreateHistogram<double>("aiplatform.operation.duration", "s", "Duration of SDK operations, retries included.");
        _errors = Meter.CreateCounter<long>("aiplatform.operation.errors", "{error}", "SDK operations that failed.");
    }

    /// <summary>The layer's span source.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>The layer's meter, for instruments of its own.</summary>
    public Meter Meter { get; }

    /// <summary>Records the duration of one operation, and an error when <paramref name="errorType"/> is set.</summary>
    /// <param name="component">The client or engine, such as <c>mlflow</c>.</param>
    /// <param name="operation">The operation, such as <c>GetRun</c> or an HTTP method.</param>
    /// <param name="elapsed">How long it took.</param>
    /// <param name="errorType">The error's type or status, or <see langword="null"/> on success.</param>
    public void RecordOperation(string component, string operation, TimeSpan elapsed, string? errorType = null)
    {
        var tags = new TagList { { "aiplatform.component", component }, { "aiplatform.operation", operation } };
        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
            _errors.Add(1, tags);
        }

        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ActivitySource.Dispose();
        Meter.Dispose();
    }
}
