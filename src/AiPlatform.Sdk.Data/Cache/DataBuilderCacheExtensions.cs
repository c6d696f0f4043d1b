using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Data.Cache;

/// <summary>Registers the distributed cache.</summary>
public static class DataBuilderCacheExtensions
{
    /// <summary>
    /// Registers <see cref="IDistributedCache"/> from <c>AiPlatform:Data:Redis</c> (Redis, or in memory when unconfigured) and
    /// <c>HybridCache</c> over it, and adds the health check <c>aiplatform-cache</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddCache(this DataBuilder data, Action<CacheSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var platform = data.Platform;
        platform.AddLayerTelemetry(AiPlatformTelemetry.Data);
        platform.AddSettings(CacheSettings.SectionPath, configure);
        platform.Services.TryAddSingleton<IDistributedCache>(Create);
        platform.Services.AddHybridCache();
        if (!DataServices.Snapshot(platform, CacheSettings.SectionPath, null, configure).DisableHealthChecks)
        {
            platform.AddPlatformHealthCheck(DataServices.HealthCheckName("cache", null),
                sp => new ProbeHealthCheck((IHealthProbe)sp.GetRequiredService<IDistributedCache>(), "cache"));
        }

        return data;
    }

    private static InstrumentedDistributedCache Create(IServiceProvider services)
    {
        var settings = DataServices.Settings<CacheSettings>(services, null);
        if (settings.IsRedis)
        {
            var redis = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = settings.Configuration, InstanceName = settings.InstanceName }));
            return new InstrumentedDistributedCache(redis, DataServices.Instrumentation<InstrumentedDistributedCache>(services, settings, "redis"), settings.Configuration!.Split(',')[0]);
        }

        var memory = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        return new InstrumentedDistributedCache(memory, DataServices.Instrumentation<InstrumentedDistributedCache>(services, settings, "memory-cache"), "in-process");
    }
}
