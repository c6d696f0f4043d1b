using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>Registers object stores.</summary>
public static class DataBuilderObjectStoreExtensions
{
    private static readonly ClientRegistration<IObjectStore, ObjectStoreSettings> Client = new()
    {
        Part = "object-store",
        SectionPath = ObjectStoreSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Transport = static (platform, name) => platform.Services.AddHttpClient(name.ToString(), c => c.Timeout = Timeout.InfiniteTimeSpan),
        Create = Create,
        HealthCheck = static (store, _) => new ProbeHealthCheck((IHealthProbe)store, "object store"),
    };

    /// <summary>
    /// Registers the default <see cref="IObjectStore"/> from <c>AiPlatform:Data:ObjectStore</c>: an S3 server when <c>Endpoint</c> is set,
    /// otherwise the local folder <c>{AiPlatform:DataPath}/objects</c>. Adds the health check <c>aiplatform-object-store</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddObjectStore(this DataBuilder data, Action<ObjectStoreSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Platform.AddClient(Client, null, configure);
        return data;
    }

    /// <summary>
    /// Registers a keyed <see cref="IObjectStore"/> whose settings come from <c>AiPlatform:Data:ObjectStore</c> overridden by its
    /// sub-section <c>AiPlatform:Data:ObjectStore:{key}</c>; the local default lives in <c>{AiPlatform:DataPath}/objects-{key}</c>.
    /// Resolve it with <c>[FromKeyedServices(key)]</c>; its health check is <c>aiplatform-object-store-{key}</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddKeyedObjectStore(this DataBuilder data, string key, Action<ObjectStoreSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(key);
        data.Platform.AddClient(Client, key, configure);
        return data;
    }

    private static IObjectStore Create(ClientContext<ObjectStoreSettings> context)
    {
        var settings = context.Settings;
        if (settings.IsRemote)
        {
            var http = context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString());
            return new S3ObjectStore(settings, http, context.Instrumentation<S3ObjectStore>("s3"));
        }

        var root = settings.Path ?? Path.Combine(context.DataPath, context.Name.Key is { } key ? $"objects-{key}" : "objects");
        return new LocalObjectStore(root, context.Instrumentation<LocalObjectStore>("local-objects"), context.Time);
    }
}
