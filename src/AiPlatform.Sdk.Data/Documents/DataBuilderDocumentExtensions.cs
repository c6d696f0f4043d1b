using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Data.Relational;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MongoDB.Driver;
using Npgsql;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>Registers the document store and typed document collections.</summary>
public static class DataBuilderDocumentExtensions
{
    /// <summary>
    /// Configures the document store from <c>AiPlatform:Data:Documents</c>: MongoDB, PostgreSQL (jsonb) or the embedded file store, as
    /// <see cref="DocumentStoreSettings"/> describes. Collections are added with <see cref="AddDocumentCollection{T}"/>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddDocumentStore(this DataBuilder data, Action<DocumentStoreSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var platform = data.Platform;
        platform.AddLayerTelemetry(AiPlatformTelemetry.Data);
        platform.AddSettings(DocumentStoreSettings.SectionPath, configure);
        platform.Services.TryAddSingleton<IDocumentDatabase>(CreateDatabase);
        if (!DataServices.Snapshot(platform, DocumentStoreSettings.SectionPath, null, configure).DisableHealthChecks)
        {
            platform.AddPlatformHealthCheck(DataServices.HealthCheckName("documents", null),
                sp => new ProbeHealthCheck(sp.GetRequiredService<IDocumentDatabase>(), "document store"));
        }

        return data;
    }

    /// <summary>
    /// Registers <see cref="IDocumentStore{T}"/> for <paramref name="collection"/>; its indexes are created on first use.
    /// The document store itself is added with default settings unless <see cref="AddDocumentStore"/> ran before.
    /// </summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="data">The Data builder.</param>
    /// <param name="collection">The collection, its JSON contract and indexes.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddDocumentCollection<T>(this DataBuilder data, DocumentCollection<T> collection)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(collection);
        if (!data.Services.Any(d => d.ServiceType == typeof(IDocumentDatabase)))
        {
            data.AddDocumentStore();
        }

        data.Services.TryAddSingleton<IDocumentStore<T>>(sp =>
        {
            var settings = DataServices.Settings<DocumentStoreSettings>(sp, null);
            var database = sp.GetRequiredService<IDocumentDatabase>();
            return new DocumentStore<T>(database, collection,
                DataServices.Instrumentation<DocumentStore<T>>(sp, settings, $"documents-{database.Provider.ToLowerInvariant()}"));
        });
        return data;
    }

    private static IDocumentDatabase CreateDatabase(IServiceProvider services)
    {
        var settings = DataServices.Settings<DocumentStoreSettings>(services, null);
        var metadata = services.GetService<NpgsqlDataSource>();
        return settings.ResolveProvider(metadata is not null) switch
        {
            "MongoDB" => new MongoDocumentDatabase(new MongoClient(settings.ConnectionString).GetDatabase(settings.Database)),
            "Postgres" when !string.IsNullOrEmpty(settings.ConnectionString) => OwnPostgres(NpgsqlDataSource.Create(settings.ConnectionString), settings, services),
            "Postgres" when metadata is not null => new PostgresDocumentDatabase(metadata, services.GetRequiredService<PostgresMigrator>()),
            "Postgres" => throw new InvalidOperationException(
                "AiPlatform:Data:Documents:Provider is Postgres but neither AiPlatform:Data:Documents:ConnectionString nor AiPlatform:Data:Postgres:ConnectionString is set."),
            "Embedded" => new EmbeddedDocumentDatabase(settings.Path ?? Path.Combine(DataServices.DataPath(services), "documents")),
            var other => throw new InvalidOperationException($"AiPlatform:Data:Documents:Provider '{other}' is not one of Embedded, Postgres, MongoDB."),
        };
    }

    /// <summary>Documents in a database of their own, which gets only the documents migration.</summary>
    private static PostgresDocumentDatabase OwnPostgres(NpgsqlDataSource dataSource, DocumentStoreSettings settings, IServiceProvider services) =>
        new(dataSource, new PostgresMigrator(dataSource, [PostgresMigrator.Documents],
            DataServices.Instrumentation<PostgresMigrator>(services, settings, "postgres"), DataServices.Logger<PostgresMigrator>(services)));
}
