using AiPlatform.Sdk.Data.Platform.Airflow;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Data.Platform.Tests.Airflow;

/// <summary>The registration conformance of the Airflow client, default and keyed.</summary>
public sealed class AirflowConformanceTests : KeyedConformanceTests<IAirflowClient, AirflowSettings>, IAsyncLifetime
{
    private KestrelTestServer? _server;

    protected override string SettingsPath => AirflowSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Data;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?>
    {
        ["Endpoint"] = _server!.BaseAddress.ToString(),
    };

    protected override (string Key, string Value, Func<AirflowSettings, string?> Read) SampleSetting => ("Version", "Airflow3", s => s.Version.ToString());

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app =>
    {
        app.MapGet("/api/v2/monitor/health", () => Results.Json(new { metadatabase = new { status = "healthy" }, scheduler = new { status = "healthy" } }));
        app.MapGet("/api/v2/version", () => Results.Json(new { version = "3.0.2" }));
    });

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    protected override void Register(AiPlatformBuilder builder, string? key, Action<AirflowSettings>? configure)
    {
        if (key is null)
        {
            builder.AddAirflow(configure);
        }
        else
        {
            builder.AddKeyedAirflow(key, configure);
        }
    }

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-airflow" : $"aiplatform-airflow-{key}";

    protected override Task ExerciseAsync(IAirflowClient service) => service.GetVersionAsync();
}
