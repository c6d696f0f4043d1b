using AiPlatform.Sdk.Data.Cache;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.ObjectStore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Data.Tests;

public sealed class DataRegistrationTests
{
    [Fact]
    public async Task Unconfigured_parts_get_embedded_defaults_under_the_data_path()
    {
        using var host = TestHost.Build(new Dictionary<string, string?>());
        var dataPath = host.Services.GetRequiredService<IOptions<AiPlatformSettings>>().Value.DataPath;

        var store = host.Services.GetRequiredService<IObjectStore>();
        await store.CreateBucketAsync("defaults");
        var cache = host.Services.GetRequiredService<IDistributedCache>();
        await cache.SetAsync("defaults", [1, 2, 3], new DistributedCacheEntryOptions());
        var report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.IsType<LocalObjectStore>(store);
        Assert.True(Directory.Exists(Path.Combine(dataPath, "objects", "buckets", "defaults")));
        Assert.IsType<InProcessEventStream>(host.Services.GetRequiredService<IEventStream>());
        // The in-memory cache answers without a server: with no Redis configured nothing else could.
        Assert.Equal("in-process", Assert.IsType<InstrumentedDistributedCache>(cache).Endpoint);
        Assert.Equal([1, 2, 3], await cache.GetAsync("defaults"));
        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    [Fact]
    public void Keyed_object_store_reads_its_named_sub_section()
    {
        var rawPath = Path.Combine(Path.GetTempPath(), $"raw-objects-{Guid.NewGuid():N}");
        using var host = TestHost.Build(
            new Dictionary<string, string?> { ["AiPlatform:Data:ObjectStore:raw:Path"] = rawPath },
            data => data.AddKeyedObjectStore("raw"));

        var raw = (LocalObjectStore)host.Services.GetRequiredKeyedService<IObjectStore>("raw");
        var main = (LocalObjectStore)host.Services.GetRequiredService<IObjectStore>();

        Assert.Equal(rawPath, raw.Root);
        Assert.NotEqual(raw.Root, main.Root);
    }

    [Fact]
    public void Code_first_settings_reach_the_same_result_as_configuration()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new Microsoft.Extensions.Hosting.HostApplicationBuilderSettings());
        builder.Services.AddAiPlatformCore(builder.Configuration).AddData(o => o.Events = e => e.DeadLetterSuffix = ".dlq");
        using var host = builder.Build();

        Assert.Equal(".dlq", host.Services.GetRequiredService<IOptions<EventStreamSettings>>().Value.DeadLetterSuffix);
    }
}
