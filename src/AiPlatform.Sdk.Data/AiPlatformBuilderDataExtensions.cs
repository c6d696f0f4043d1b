using AiPlatform.Sdk.Data;
using AiPlatform.Sdk.Data.Cache;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Relational;

namespace AiPlatform.Sdk;

/// <summary>Adds the Data layer to the platform.</summary>
public static class AiPlatformBuilderDataExtensions
{
    /// <summary>
    /// Adds the Data layer: the default <see cref="IObjectStore"/>, <see cref="IEventStream"/>, document database and
    /// <see cref="Microsoft.Extensions.Caching.Distributed.IDistributedCache"/>. A part whose <c>Endpoint</c> or <c>ConnectionString</c> under <c>AiPlatform:Data</c> is set
    /// uses its server (S3/MinIO, Kafka, PostgreSQL or MongoDB, Redis); an unconfigured part uses its embedded default under
    /// <c>AiPlatform:DataPath</c>. PostgreSQL metadata is added when <c>AiPlatform:Data:Postgres:ConnectionString</c> is set. Calling it again
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
        var data = new DataBuilder(builder);
        if (options.Postgres is not null || builder.IsRemote(PostgresSettings.SectionPath))
        {
            data.AddPostgres(options.Postgres);
        }

        return data.AddObjectStore(options.ObjectStore)
            .AddEventStream(options.Events)
            .AddDocumentStore(options.Documents)
            .AddCache(options.Redis);
    }
}
