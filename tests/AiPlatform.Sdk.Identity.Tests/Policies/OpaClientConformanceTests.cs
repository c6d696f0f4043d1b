using AiPlatform.Sdk.Identity.Policies;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Identity.Tests.Policies;

public sealed class OpaClientConformanceTests : ConformanceTests<IPolicyClient, OpaSettings>
{
    protected override string SettingsPath => "Identity:Opa";

    protected override string TelemetryName => AiPlatformTelemetry.Identity;

    protected override bool SupportsKeyedRegistrations => false;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } =
        new Dictionary<string, string?> { ["Endpoint"] = "http://127.0.0.1:9/" };

    protected override (string Key, string Value, Func<OpaSettings, string?> Read) SampleSetting =>
        ("DefaultPolicyPath", "platform/allow", s => s.DefaultPolicyPath);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<OpaSettings>? configure) =>
        builder.AddPolicyClient(configure);

    protected override string HealthCheckName(string? key) => "aiplatform-opa";

    protected override Task ExerciseAsync(IPolicyClient service) => service.IsAllowedAsync("aiplatform/authz/allow", null);
}
