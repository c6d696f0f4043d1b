using AiPlatform.Sdk.Identity.Secrets;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Identity.Tests.Secrets;

public sealed class VaultSecretStoreConformanceTests : KeyedConformanceTests<ISecretStore, VaultSettings>
{
    protected override string SettingsPath => "Identity:Vault";

    protected override string TelemetryName => AiPlatformTelemetry.Identity;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } =
        new Dictionary<string, string?> { ["Endpoint"] = "http://127.0.0.1:9/", ["Token"] = "hvs.conformance" };

    protected override (string Key, string Value, Func<VaultSettings, string?> Read) SampleSetting =>
        ("KvMount", "kv-apps", s => s.KvMount);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<VaultSettings>? configure) =>
        _ = key is null ? builder.AddSecretStore(configure) : builder.AddKeyedSecretStore(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-vault" : $"aiplatform-vault-{key}";

    protected override Task ExerciseAsync(ISecretStore service) => service.ReadAsync("aiplatform/orders");
}
