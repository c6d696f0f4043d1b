using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Identity.Tests.Tokens;

/// <summary>The client-credentials token provider passes the checks every SDK client passes.</summary>
public sealed class ClientCredentialsConformanceTests : KeyedConformanceTests<IAccessTokenProvider, IdentitySettings>
{
    protected override string SettingsPath => "Identity";

    protected override string TelemetryName => AiPlatformTelemetry.Identity;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } = new Dictionary<string, string?>
    {
        ["Authority"] = "http://127.0.0.1:9/realms/conformance",
        ["ClientId"] = "conformance",
        ["ClientSecret"] = "conformance-only",
    };

    protected override (string Key, string Value, Func<IdentitySettings, string?> Read) SampleSetting =>
        ("Audience", "orders-api", s => s.Audience);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<IdentitySettings>? configure) =>
        _ = key is null ? builder.AddClientCredentials(configure) : builder.AddKeyedClientCredentials(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-identity" : $"aiplatform-identity-{key}";

    protected override Task ExerciseAsync(IAccessTokenProvider service) => service.GetTokenAsync().AsTask();
}
