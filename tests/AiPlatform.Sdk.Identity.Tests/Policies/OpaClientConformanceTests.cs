using AiPlatform.Sdk.Identity.Policies;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Identity.Tests.Policies;

public sealed class OpaClientConformanceTests : KeyedConformanceTests<IPolicyClient, OpaSettings>
{
    protected override string SettingsPath => "Identity:Opa";

    protected override string TelemetryName => AiPlatformTelemetry.Identity;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } =
        new Dictionary<string, string?> { ["Endpoint"] = "http://127.0.0.1:9/" };

    protected override (string Key, string Value, Func<OpaSettings, string?> Read) SampleSetting =>
        ("DefaultPolicyPath", "platform/allow", s => s.DefaultPolicyPath);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<OpaSettings>? configure) =>
        _ = key is null ? builder.AddPolicyClient(configure) : builder.AddKeyedPolicyClient(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-opa" : $"aiplatform-opa-{key}";

    protected override Task ExerciseAsync(IPolicyClient service) => service.IsAllowedAsync("aiplatform/authz/allow", null);
}
