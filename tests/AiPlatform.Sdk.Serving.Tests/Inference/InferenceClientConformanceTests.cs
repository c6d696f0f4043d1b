using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

public sealed class InferenceClientConformanceTests : KeyedConformanceTests<IInferenceClient, InferenceClientSettings>, IAsyncLifetime
{
    private KestrelTestServer? _server;

    protected override string SettingsPath => ServingBuilderInferenceExtensions.SettingsPath;

    protected override string TelemetryName => AiPlatformTelemetry.Serving;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?>
    {
        ["Endpoint"] = _server!.BaseAddress.ToString(),
        ["Protocol"] = "Rest",
    };

    protected override (string Key, string Value, Func<InferenceClientSettings, string?> Read) SampleSetting =>
        ("DefaultModel", "resnet50", s => s.DefaultModel);

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app => app.MapGet("/v2/health/live", () => Results.Ok()));

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    protected override void Register(AiPlatformBuilder builder, string? key, Action<InferenceClientSettings>? configure) =>
        _ = key is null
            ? new ServingBuilder(builder).AddInferenceClient(configure)
            : new ServingBuilder(builder).AddKeyedInferenceClient(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-inference" : $"aiplatform-inference-{key}";

    protected override Task ExerciseAsync(IInferenceClient service) => service.IsServerLiveAsync();
}
