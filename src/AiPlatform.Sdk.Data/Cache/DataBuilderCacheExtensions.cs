using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Data.Cache;

/// <summary>Registers the distributed cache.</summary>
public static class DataBuilderCacheExtensions
{
    private static readonly ClientRegistration<IDistributedCache, CacheSettings> Client = new()
    {
        Part = "cache",
        SectionPath = CacheSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Create = Create,
        HealthCheck = static (cache, _) => new ProbeHealthCheck((IHealthProbe)cache, "cache"),
    };

    /// <summary>
    /// Registers <see cref="IDistributedCache"/> from <c>AiPlatform:Data:Redis</c> (Redis when <c>ConnectionString</c> is set, otherwise
    /// in memory) and <c>HybridCache</c> over it, and adds the health check <c>aiplatform-cache</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddCache(this DataBuilder data, Action<CacheSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Platform.AddClient(Client, null, configure);
        data.Services.AddHybridCache();
        return data;
    }

    /// <summary>
    /// Registers a keyed <see cref="IDistributedCache"/> from <c>AiPlatform:Data:Redis</c> overridden by its sub-section
    /// <c>AiPlatform:Data:Redis:{key}</c> (a second Redis, or a separate in-memory cache), resolved with <c>[FromKeyedServices(key)]</c>,
    /// with the health check <c>aiplatform-cache-{key}</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddKeyedCache(this DataBuilder data, string key, Action<CacheSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(key);
        data.Platform.AddClient(Client, key, configure);
        return data;
    }

    private static InstrumentedDistributedCache Create(ClientContext<CacheSettings> context)
    {
        var settings = context.Settings;
        if (settings.IsRedis)
        {
            var redis = new RedisCache(Options.Create(new RedisCacheOptions { Configuration = settings.ConnectionString, InstanceName = settings.InstanceName }));
            return new InstrumentedDistributedCache(redis, context.Instrumentation<InstrumentedDistributedCache>("redis"), settings.ConnectionString!.Split(',')[0]);
        }

        var memory = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        return new InstrumentedDistributedCache(memory, context.Instrumentation<InstrumentedDistributedCache>("memory-cache"), "in-process");
    }
}
