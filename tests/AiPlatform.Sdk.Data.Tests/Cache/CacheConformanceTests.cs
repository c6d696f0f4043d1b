using AiPlatform.Sdk.Data.Cache;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using Microsoft.Extensions.Caching.Distributed;

namespace AiPlatform.Sdk.Data.Tests.Cache;

public sealed class CacheConformanceTests : KeyedConformanceTests<IDistributedCache, CacheSettings>
{
    protected override string SettingsPath => CacheSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Data;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } = new Dictionary<string, string?>
    {
        ["ConnectionString"] = "127.0.0.1:9,connectTimeout=300,asyncTimeout=300,syncTimeout=300",
    };

    protected override (string Key, string Value, Func<CacheSettings, string?> Read) SampleSetting =>
        ("InstanceName", "other:", s => s.InstanceName);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<CacheSettings>? configure) =>
        _ = key is null ? builder.AddData(o => o.Redis = configure) : builder.AddData().AddKeyedCache(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-cache" : $"aiplatform-cache-{key}";

    protected override Task ExerciseAsync(IDistributedCache service) => service.GetAsync("key");
}
