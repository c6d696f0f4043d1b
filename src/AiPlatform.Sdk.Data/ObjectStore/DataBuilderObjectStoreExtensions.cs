using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>Registers object stores.</summary>
public static class DataBuilderObjectStoreExtensions
{
    internal const string HttpClientName = "aiplatform-object-store";

    /// <summary>
    /// Registers the default <see cref="IObjectStore"/> from <c>AiPlatform:Data:ObjectStore</c>: an S3 server when <c>Endpoint</c> is set,
    /// otherwise the local folder <c>{AiPlatform:DataPath}/objects</c>. Adds the health check <c>aiplatform-object-store</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddObjectStore(this DataBuilder data, Action<ObjectStoreSettings>? configure = null) =>
        Add(data, null, configure);

    /// <summary>
    /// Registers a keyed <see cref="IObjectStore"/> whose settings come from <c>AiPlatform:Data:ObjectStore</c> overridden by its
    /// sub-section <c>AiPlatform:Data:ObjectStore:{key}</c>; the local default lives in <c>{AiPlatform:DataPath}/objects-{key}</c>.
    /// Resolve it with <c>[FromKeyedServices(key)]</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddKeyedObjectStore(this DataBuilder data, string key, Action<ObjectStoreSettings>? configure = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Add(data, key, configure);
    }

    private static DataBuilder Add(DataBuilder data, string? key, Action<ObjectStoreSettings>? configure)
    {
        ArgumentNullException.ThrowIfNull(data);
        var platform = data.Platform;
        platform.AddLayerTelemetry(AiPlatformTelemetry.Data);
        platform.AddSettings(ObjectStoreSettings.SectionPath, configure, key);
        platform.Services.AddHttpClient(HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        platform.AddClient(key, sp => Create(sp, key));

        if (!DataServices.Snapshot(platform, ObjectStoreSettings.SectionPath, key, configure).DisableHealthChecks)
        {
            platform.AddPlatformHealthCheck(DataServices.HealthCheckName("object-store", key), sp =>
                new ProbeHealthCheck((IHealthProbe)AiPlatformBuilder.GetClient<IObjectStore>(sp, key),
                    "object store"));
        }

        return data;
    }

    private static IObjectStore Create(IServiceProvider services, string? key)
    {
        var settings = DataServices.Settings<ObjectStoreSettings>(services, key);
        if (settings.IsRemote)
        {
            var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new S3ObjectStore(settings, http, DataServices.Instrumentation<S3ObjectStore>(services, settings, "s3"));
        }

        var root = settings.Path ?? Path.Combine(DataServices.DataPath(services), key is null ? "objects" : $"objects-{key}");
        return new LocalObjectStore(root, DataServices.Instrumentation<LocalObjectStore>(services, settings, "local-objects"), DataServices.Time(services));
    }
}
