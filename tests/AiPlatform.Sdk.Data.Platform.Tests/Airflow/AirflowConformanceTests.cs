using AiPlatform.Sdk.Data.Platform.Airflow;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Data.Platform.Tests.Airflow;

/// <summary>The registration conformance of the Airflow client, default and keyed.</summary>
public sealed class AirflowConformanceTests : DataPlatformConformanceTests<IAirflowClient, AirflowSettings>
{
    protected override string Part => "airflow";

    protected override string SettingsPath => AirflowSettings.SectionPath;

    protected override (string Key, string Value, Func<AirflowSettings, string?> Read) SampleSetting => ("Version", "Airflow3", s => s.Version.ToString());

    protected override void MapFake(WebApplication app)
    {
        app.MapGet("/api/v2/monitor/health", () => Results.Json(new { metadatabase = new { status = "healthy" }, scheduler = new { status = "healthy" } }));
        app.MapGet("/api/v2/version", () => Results.Json(new { version = "3.0.2" }));
    }

    protected override void Register(AiPlatformBuilder builder, string? key, Action<AirflowSettings>? configure) =>
        _ = key is null ? builder.AddAirflow(configure) : builder.AddKeyedAirflow(key, configure);

    protected override Task ExerciseAsync(IAirflowClient service) => service.GetVersionAsync();
}
