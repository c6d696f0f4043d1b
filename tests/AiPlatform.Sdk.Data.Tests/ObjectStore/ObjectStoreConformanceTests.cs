using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Data.Tests.ObjectStore;

public sealed class ObjectStoreConformanceTests : KeyedConformanceTests<IObjectStore, ObjectStoreSettings>
{
    protected override string SettingsPath => ObjectStoreSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Data;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } = new Dictionary<string, string?>
    {
        ["Endpoint"] = "127.0.0.1:9",
        ["AccessKey"] = "key",
        ["SecretKey"] = "secret",
        ["MaxRetries"] = "0",
    };

    protected override (string Key, string Value, Func<ObjectStoreSettings, string?> Read) SampleSetting =>
        ("Region", "eu-west-3", s => s.Region);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<ObjectStoreSettings>? configure)
    {
        if (key is null)
        {
            builder.AddData(o => o.ObjectStore = configure);
        }
        else
        {
            builder.AddData().AddKeyedObjectStore(key, configure);
        }
    }

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-object-store" : $"aiplatform-object-store-{key}";

    protected override Task ExerciseAsync(IObjectStore service) => service.StatAsync("bucket", "key");
}
