using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Xunit;
using AiPlatformTelemetryNames = AiPlatform.Sdk.Telemetry.AiPlatformTelemetry;

namespace AiPlatform.Sdk.Testing;

/// <summary>
/// The checks every SDK client passes, after .NET Aspire's component conformance tests: settings bind from configuration,
/// keyed registrations stay independent, health checks, tracing and metrics can be turned off, and the registered logger
/// factory is used. Subclass it once per client.
/// </summary>
/// <typeparam name="TService">The client's public service type.</typeparam>
/// <typeparam name="TSettings">The client's settings.</typeparam>
public abstract class ConformanceTests<TService, TSettings>
    where TService : class
    where TSettings : AiPlatformClientSettings
{
    /// <summary>The client's configuration path below <c>AiPlatform</c>, such as <c>Serving:Inference</c>.</summary>
    protected abstract string SettingsPath { get; }

    /// <summary>The layer's telemetry name (source and meter), one of <c>AiPlatformTelemetry</c>'s constants; spans and measurements are
    /// counted from it and from <c>AiPlatform.Core</c> (the HTTP pipeline).</summary>
    protected abstract string TelemetryName { get; }

    /// <summary>Configuration values (keys relative to <see cref="SettingsPath"/>) that make a valid client.</summary>
    protected abstract IReadOnlyDictionary<string, string?> ValidSettings { get; }

    /// <summary>A setting to check binding with: its relative key, a value different from the default, and how to read it back.</summary>
    protected abstract (string Key, string Value, Func<TSettings, string?> Read) SampleSetting { get; }

    /// <summary>Registers the client, keyed when <paramref name="key"/> is set, with <paramref name="configure"/> applied last.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The key of a keyed registration, or <see langword="null"/>.</param>
    /// <param name="configure">Code-first settings.</param>
    protected abstract void Register(AiPlatformBuilder builder, string? key, Action<TSettings>? configure);

    /// <summary>The health check name of the (keyed) client.</summary>
    /// <param name="key">The key, or <see langword="null"/>.</param>
    /// <returns>The name.</returns>
    protected abstract string HealthCheckName(string? key);

    /// <summary>Runs one operation that emits a span, a measurement and a log entry; it may fail, failures are ignored.</summary>
    /// <param name="service">The resolved client.</param>
    /// <returns>A task.</returns>
    protected abstract Task ExerciseAsync(TService service);

    /// <summary>Builds a host with <see cref="ValidSettings"/> (and its keyed copies) and the client registered.</summary>
    /// <param name="keys">Keyed registrations to add; none for the default one.</param>
    /// <param name="configure">Code-first settings.</param>
    /// <param name="extra">More configuration, full keys.</param>
    /// <param name="logs">A log collector to register as the logger provider.</param>
    /// <returns>The built host.</returns>
    protected IHost BuildHost(
        string[]? keys = null,
        Action<TSettings>? configure = null,
        IReadOnlyDictionary<string, string?>? extra = null,
        FakeLogCollector? logs = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var values = new Dictionary<string, string?>();
        foreach (var (k, v) in ValidSettings)
        {
            values[$"AiPlatform:{SettingsPath}:{k}"] = v;
            foreach (var key in keys ?? [])
            {
                values[$"AiPlatform:{SettingsPath}:{key}:{k}"] = v;
            }
        }

        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            values[k] = v;
        }

        builder.Configuration.AddInMemoryCollection(values);
        if (logs is not null)
        {
            builder.Logging.ClearProviders();
            builder.Logging.SetMinimumLevel(LogLevel.Trace);
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
        }

        var platform = builder.Services.AddAiPlatformCore(builder.Configuration);
        if (keys is null)
        {
            Register(platform, null, configure);
        }
        else
        {
            foreach (var key in keys)
            {
                Register(platform, key, configure);
            }
        }

        return builder.Build();
    }

    /// <summary>Resolves the default or keyed client.</summary>
    /// <param name="host">The host.</param>
    /// <param name="key">The key, or <see langword="null"/>.</param>
    /// <returns>The client.</returns>
    protected static TService Resolve(IHost host, string? key) => key is null
        ? host.Services.GetRequiredService<TService>()
        : host.Services.GetRequiredKeyedService<TService>(key);

    [Fact]
    public void Settings_bind_from_configuration()
    {
        var (key, value, read) = SampleSetting;
        using var host = BuildHost(extra: new Dictionary<string, string?> { [$"AiPlatform:{SettingsPath}:{key}"] = value });

        var settings = host.Services.GetRequiredService<IOptionsMonitor<TSettings>>().Get(Options.DefaultName);

        Assert.Equal(value, read(settings));
        Assert.NotNull(Resolve(host, null));
    }

    [Fact]
    public void Code_first_settings_win_over_configuration()
    {
        using var host = BuildHost(
            configure: s => s.DisableTracing = true,
            extra: new Dictionary<string, string?> { [$"AiPlatform:{SettingsPath}:DisableTracing"] = "false" });

        var settings = host.Services.GetRequiredService<IOptionsMonitor<TSettings>>().Get(Options.DefaultName);

        Assert.True(settings.DisableTracing);
    }

    [Fact]
    public void Registering_twice_adds_one_client_and_one_health_check()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(ValidSettings.ToDictionary(p => $"AiPlatform:{SettingsPath}:{p.Key}", p => p.Value));
        var platform = builder.Services.AddAiPlatformCore(builder.Configuration);
        Register(platform, null, null);
        Register(platform, null, null);
        using var host = builder.Build();

        Assert.Single(builder.Services, d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        Assert.Single(HealthChecks(host), n => n == HealthCheckName(null));
        Assert.Same(Resolve(host, null), Resolve(host, null));
    }

    [Fact]
    public void Health_check_is_registered_once_and_can_be_disabled()
    {
        using var enabled = BuildHost();
        using var disabled = BuildHost(configure: s => s.DisableHealthChecks = true);

        Assert.Single(HealthChecks(enabled), n => n == HealthCheckName(null));
        Assert.DoesNotContain(HealthCheckName(null), HealthChecks(disabled));
    }

    [Fact]
    public async Task Tracing_can_be_disabled()
    {
        Assert.NotEmpty(await RecordActivitiesAsync(disableTracing: false));
        Assert.Empty(await RecordActivitiesAsync(disableTracing: true));
    }

    [Fact]
    public async Task Metrics_can_be_disabled()
    {
        Assert.NotEqual(0, await CountMeasurementsAsync(disableMetrics: false));
        Assert.Equal(0, await CountMeasurementsAsync(disableMetrics: true));
    }

    [Fact]
    public async Task The_registered_logger_factory_is_used()
    {
        var logs = new FakeLogCollector();
        using var host = BuildHost(logs: logs);

        await IgnoreFailures(ExerciseAsync(Resolve(host, null)));

        Assert.Contains(logs.GetSnapshot(), r => r.Category?.StartsWith("AiPlatform", StringComparison.Ordinal) == true);
    }

    /// <summary>The names of the host's health checks.</summary>
    /// <param name="host">The host.</param>
    /// <returns>The names.</returns>
    protected static List<string> HealthChecks(IHost host) =>
        host.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations.Select(r => r.Name).ToList();

    private const string TestSourceName = "AiPlatform.Sdk.Testing";
    private static readonly ActivitySource TestSource = new(TestSourceName);

    // Tests run in parallel: only spans under this test's own root span, and only measurements of this host's meters, count.
    private async Task<List<Activity>> RecordActivitiesAsync(bool disableTracing)
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == TelemetryName || s.Name == AiPlatformTelemetryNames.Core || s.Name == TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var host = BuildHost(configure: s => s.DisableTracing = disableTracing);
        ActivityTraceId trace;
        using (var root = TestSource.StartActivity("conformance"))
        {
            trace = root!.TraceId;
            await IgnoreFailures(ExerciseAsync(Resolve(host, null)));
        }

        lock (activities)
        {
            return [.. activities.Where(a => a.TraceId == trace && a.Source != TestSource)];
        }
    }

    private async Task<int> CountMeasurementsAsync(bool disableMetrics)
    {
        using var host = BuildHost(configure: s => s.DisableMetrics = disableMetrics);
        var factory = host.Services.GetService<IMeterFactory>();
        var count = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if ((instrument.Meter.Name == TelemetryName || instrument.Meter.Name == AiPlatformTelemetryNames.Core) &&
                    ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref count));
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref count));
        listener.Start();
        await IgnoreFailures(ExerciseAsync(Resolve(host, null)));
        return count;
    }

    private static async Task IgnoreFailures(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // The exercise may fail against an unreachable backend; only its telemetry and logs are checked.
        }
    }
}
