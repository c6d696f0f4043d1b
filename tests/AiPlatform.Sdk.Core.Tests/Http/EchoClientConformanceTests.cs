using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Core.Tests.Http;

/// <summary>Runs the shared conformance suite over the pipeline's smallest client, which proves the suite itself.</summary>
public sealed class EchoClientConformanceTests : KeyedConformanceTests<EchoClient, EchoSettings>
{
    protected override string SettingsPath => "Echo";

    protected override string TelemetryName => AiPlatformTelemetry.Core;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?>
    {
        ["Endpoint"] = "http://127.0.0.1:9/",
        ["AiPlatform:Resilience:MaxRetryAttempts"] = null,
    };

    protected override (string Key, string Value, Func<EchoSettings, string?> Read) SampleSetting =>
        ("Endpoint", "http://echo.example:8080/", s => s.Endpoint?.ToString());

    protected override void Register(AiPlatformBuilder builder, string? key, Action<EchoSettings>? configure) =>
        EchoClient.Register(builder, key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-echo" : $"aiplatform-echo-{key}";

    protected override Task ExerciseAsync(EchoClient service) => service.EchoAsync();
}
