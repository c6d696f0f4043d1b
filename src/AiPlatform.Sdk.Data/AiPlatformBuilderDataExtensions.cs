using AiPlatform.Sdk.Data;
using AiPlatform.Sdk.Data.Cache;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Relational;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk;

/// <summary>Adds the Data layer to the platform.</summary>
public static class AiPlatformBuilderDataExtensions
{
    /// <summary>
    /// Adds the Data layer: the default <see cref="IObjectStore"/>, <see cref="IEventStream"/>, document database and
    /// <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>. A part whose section under <c>AiPlatform:Data</c> names a
    /// server uses it (S3/MinIO, Kafka, PostgreSQL or MongoDB, Redis); an unconfigured part uses its embedded default under
    /// <c>AiPlatform:DataPath</c>. PostgreSQL metadata (<c>AiPlatform:Data:Postgres</c>) is added when configured.
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
}
