using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Training.Tests.Jobs;

/// <summary>The registration conformance of training jobs on a Ray endpoint (settings, keyed twins, health check, telemetry, logging).</summary>
public sealed class JobsConformanceTests : KeyedConformanceTests<ITrainingJobs, JobsSettings>, IAsyncLifetime
{
    private KestrelTestServer? _server;

    protected override string SettingsPath => JobsSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Training;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?>
    {
        ["Endpoint"] = _server!.BaseAddress.ToString(),
        ["Kind"] = "Ray",
    };

    protected override (string Key, string Value, Func<JobsSettings, string?> Read) SampleSetting =>
        ("Local:StopGracePeriod", "00:00:42", s => s.Local.StopGracePeriod.ToString());

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app =>
    {
        app.MapGet("/api/version", () => Results.Json(new { version = "4", ray_version = "2.40.0" }));
        app.MapGet("/api/jobs/", () => Results.Text("[]", "application/json"));
    });

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    protected override void Register(AiPlatformBuilder builder, string? key, Action<JobsSettings>? configure) =>
        _ = key is null ? builder.AddTrainingJobs(configure) : builder.AddKeyedTrainingJobs(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-training-jobs" : $"aiplatform-training-jobs-{key}";

    protected override Task ExerciseAsync(ITrainingJobs service) => service.ListAsync().ToListAsync().AsTask();
}
