using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Testing.ConfigurationSchema;
using AiPlatform.Sdk.Training.Tracking;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>The registration conformance of the MLflow tracking client (settings, idempotence, health check, telemetry, logging).</summary>
public sealed class TrackingConformanceTests : ConformanceTests<IExperimentTracker, TrackingSettings>, IAsyncLifetime
{
    private KestrelTestServer? _server;

    protected override string SettingsPath => TrackingSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Training;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?>
    {
        ["Endpoint"] = _server!.BaseAddress.ToString(),
    };

    protected override (string Key, string Value, Func<TrackingSettings, string?> Read) SampleSetting =>
        ("BasePath", "/api/v4/projects/7/ml/mlflow", s => s.BasePath);

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app =>
        app.MapGet("/api/2.0/mlflow/experiments/search", () => Results.Text("""{"experiments":[]}""", "application/json")));

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    protected override void Register(AiPlatformBuilder builder, string? key, Action<TrackingSettings>? configure) => builder.AddTraining(configure);

    protected override string HealthCheckName(string? key) => AiPlatformBuilderTrainingExtensions.HealthCheckName;

    protected override Task ExerciseAsync(IExperimentTracker service) => service.GetExperimentAsync("0");
}

public sealed class TrainingConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Training";

    protected override IReadOnlyList<SettingsSection> Sections { get; } = [
        new(TrackingSettings.SectionPath, false, typeof(TrackingSettings)),
        new(AiPlatform.Sdk.Training.Jobs.JobsSettings.SectionPath, true, typeof(AiPlatform.Sdk.Training.Jobs.JobsSettings)),
        new(AiPlatform.Sdk.Training.Datasets.DatasetsSettings.SectionPath, true, typeof(AiPlatform.Sdk.Training.Datasets.DatasetsSettings)),
        new(AiPlatform.Sdk.Training.GitLab.GitLabSettings.SectionPath, true, typeof(AiPlatform.Sdk.Training.GitLab.GitLabSettings)),
    ];
}
