using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Data.Relational;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MongoDB.Driver;
using Npgsql;

namespace AiPlatform.Sdk.Data.Documents;

/// <summary>Registers the document store and typed document collections.</summary>
public static class DataBuilderDocumentExtensions
{
    private static readonly ClientRegistration<DocumentDatabaseClient, DocumentStoreSettings> Client = new()
    {
        Part = "documents",
        SectionPath = DocumentStoreSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Create = Create,
        HealthCheck = static (client, _) => new ProbeHealthCheck(client.Database, "document store"),
    };

    /// <summary>
    /// Configures the document store from <c>AiPlatform:Data:Documents</c>: with <c>ConnectionString</c> set, MongoDB
    /// (<c>mongodb://</c>) or PostgreSQL (jsonb); otherwise the embedded file store. Collections are added with
    /// <see cref="AddDocumentCollection{T}"/>. Adds the health check <c>aiplatform-documents</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddDocumentStore(this DataBuilder data, Action<DocumentStoreSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Platform.AddClient(Client, null, configure);
        return data;
    }

    /// <summary>
    /// Registers a second document store under <paramref name="key"/>: <c>AiPlatform:Data:Documents</c> overridden by its sub-section
    /// <c>AiPlatform:Data:Documents:{key}</c> (another database, or an embedded store in <c>{AiPlatform:DataPath}/documents-{key}</c>),
    /// with the health check <c>aiplatform-documents-{key}</c>. Its collections are added with <see cref="AddKeyedDocumentCollection{T}"/>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddKeyedDocumentStore(this DataBuilder data, string key, Action<DocumentStoreSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentException.ThrowIfNullOrEmpty(key);
        data.Platform.AddClient(Client, key, configure);
        return data;
    }

    /// <summary>
    /// Registers a keyed <see cref="IDocumentStore{T}"/> for <paramref name="collection"/> in the document store registered under
    /// <paramref name="key"/> (<see cref="AddKeyedDocumentStore"/>); resolve it with <c>[FromKeyedServices(key)]</c>.
    /// </summary>
    /// <typeparam name="T">The document type.</typeparam>
    /// <param name="data">The Data builder.</param>
    /// <param name="key">The key of the document store.</param>
    /// <param name="collection">The collection, its JSON contract and indexes.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddKeyedDocumentCollection<T>(this DataBuilder data, string key, DocumentCollection<T> collection)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(collection);
        data.AddKeyedDocumentStore(key);
        data.Services.TryAddKeyedSingleton<IDocumentStore<T>>(key, (sp, k) =>
        {
            var client = sp.GetRequiredKeyedService<DocumentDatabaseClient>(k);
            return new DocumentStore<T>(client.Database, collection, client.Instrumentation);
        });
        return data;
    }

    /// <summary>
    /// Registers <see cref="IDocumentStore{T}"/> for <paramref name="collection"/>; its indexes are created on first use.
    /// The document store itself is added with its configured settings.
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
        data.AddDocumentStore();
        data.Services.TryAddSingleton<IDocumentStore<T>>(sp =>
        {
            var client = sp.GetRequiredService<DocumentDatabaseClient>();
            return new DocumentStore<T>(client.Database, collection, client.Instrumentation);
        });
        return data;
    }

    private static DocumentDatabaseClient Create(ClientContext<DocumentStoreSettings> context)
    {
        var settings = context.Settings;
        IDocumentDatabase database = !settings.IsRemote
            ? new EmbeddedDocumentDatabase(settings.Path ?? Path.Combine(context.DataPath, context.Name.Key is null ? "documents" : $"documents-{context.Name.Key}"))
            : settings.IsMongoDb
                ? new MongoDocumentDatabase(new MongoClient(settings.ConnectionString).GetDatabase(settings.Database))
                : OwnPostgres(NpgsqlDataSource.Create(settings.ConnectionString!), context);
        return new DocumentDatabaseClient(database, context.Instrumentation<DocumentDatabaseClient>($"documents-{database.Provider.ToLowerInvariant()}"));
    }

    /// <summary>Documents in a PostgreSQL database of their own, which gets only the documents migration.</summary>
    private static PostgresDocumentDatabase OwnPostgres(NpgsqlDataSource dataSource, ClientContext<DocumentStoreSettings> context) =>
        new(dataSource, new PostgresMigrator(dataSource, [PostgresMigrator.Documents],
            context.Instrumentation<PostgresMigrator>("postgres"), context.Logger<PostgresMigrator>()));
}
