using AiPlatform.Sdk.Serving.TorchServe;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Serving.Tests.TorchServe;

public sealed class TorchServeConformanceTests : KeyedConformanceTests<ITorchServeClient, TorchServeSettings>, IAsyncLifetime
{
    private KestrelTestServer? _server;

    protected override string SettingsPath => ServingBuilderTorchServeExtensions.SettingsPath;

    protected override string TelemetryName => AiPlatformTelemetry.Serving;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?>
    {
        ["Endpoint"] = _server!.BaseAddress.ToString(),
    };

    protected override (string Key, string Value, Func<TorchServeSettings, string?> Read) SampleSetting =>
        ("ManagementEndpoint", "http://torchserve:9081/", s => s.ManagementEndpoint?.ToString());

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app => app.MapGet("/ping", () => Results.Text("""{"status":"Healthy"}""")));

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    protected override void Register(AiPlatformBuilder builder, string? key, Action<TorchServeSettings>? configure) =>
        _ = key is null
            ? new ServingBuilder(builder).AddTorchServe(configure)
            : new ServingBuilder(builder).AddKeyedTorchServe(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-torchserve" : $"aiplatform-torchserve-{key}";

    protected override Task ExerciseAsync(ITorchServeClient service) => service.PingAsync();
}
