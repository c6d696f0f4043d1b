using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Vector.Weaviate;

namespace AiPlatform.Sdk.Vector.Tests.Weaviate;

public sealed class WeaviateClientConformanceTests : KeyedConformanceTests<WeaviateVectorStore, WeaviateSettings>
{
    protected override string SettingsPath => WeaviateSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Vector;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } = new Dictionary<string, string?>
    {
        ["Endpoint"] = "http://127.0.0.1:9/",
    };

    protected override (string Key, string Value, Func<WeaviateSettings, string?> Read) SampleSetting =>
        ("Tenant", "tenant-x", s => s.Tenant);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<WeaviateSettings>? configure) =>
        _ = key is null ? builder.AddWeaviateVectorStore(configure) : builder.AddKeyedWeaviateVectorStore(key, configure);

    protected override string HealthCheckName(string? key) =>
        key is null ? AiPlatformBuilderWeaviateExtensions.HealthCheckName : $"{AiPlatformBuilderWeaviateExtensions.HealthCheckName}-{key}";

    protected override Task ExerciseAsync(WeaviateVectorStore service) => service.CollectionExistsAsync("Anything");
}
