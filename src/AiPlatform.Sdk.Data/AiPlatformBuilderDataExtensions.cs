using AiPlatform.Sdk.Data;
using AiPlatform.Sdk.Data.Cache;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Relational;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk;

/// <summary>Adds the Data layer to the platform.</summary>
public static class AiPlatformBuilderDataExtensions
{
    /// <summary>
    /// Adds the Data layer: the default <see cref="IObjectStore"/>, <see cref="IEventStream"/>, document database and
    /// <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>. A part whose section under <c>AiPlatform:Data</c> names a
    /// server uses it (S3/MinIO, Kafka, PostgreSQL or MongoDB, Redis); an unconfigured part uses its embedded default under
    /// <c>AiPlatform:DataPath</c>. PostgreSQL metadata (<c>AiPlatform:Data:Postgres</c>) is added when configured. Calling it again
    /// registers nothing new and only applies the new code-first settings.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The Data builder, to add keyed stores, publishers, consumers and document collections.</returns>
    public static DataBuilder AddData(this AiPlatformBuilder builder, Action<DataOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new DataOptions();
        configure?.Invoke(options);
        builder.AddLayerTelemetry(AiPlatformTelemetry.Data);
        var data = new DataBuilder(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(DataLayerMarker)))
        {
            ApplyAgain(builder, options);
            return data;
        }

        builder.Services.AddSingleton<DataLayerMarker>();
        if (options.Postgres is not null || builder.IsConfigured(PostgresSettings.SectionPath))
        {
            data.AddPostgres(options.Postgres);
        }

        data.AddObjectStore(options.ObjectStore);
        data.AddEventStream(options.Events);
        data.AddDocumentStore(options.Documents);
        data.AddCache(options.Redis);
        return data;
    }

    /// <summary>A second <c>AddData</c> call registers nothing new; its code-first settings still apply.</summary>
    private static void ApplyAgain(AiPlatformBuilder builder, DataOptions options)
    {
        Configure(builder, options.ObjectStore);
        Configure(builder, options.Events);
        Configure(builder, options.Documents);
        Configure(builder, options.Postgres);
        Configure(builder, options.Redis);
    }

    private static void Configure<TSettings>(AiPlatformBuilder builder, Action<TSettings>? configure)
        where TSettings : class
    {
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }
    }

    /// <summary>Marks a service collection that has the Data layer.</summary>
    private sealed class DataLayerMarker;
}
