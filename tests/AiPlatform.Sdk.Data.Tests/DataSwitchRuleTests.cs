using AiPlatform.Sdk.Data.Cache;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.ObjectStore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiPlatform.Sdk.Data.Tests;

/// <summary>The switch rule in the Data layer: a part is remote when its <c>Endpoint</c> or <c>ConnectionString</c> is set, and only then.</summary>
public sealed class DataSwitchRuleTests
{
    // Every tuning key of every Data part, none of which may switch a part to its server.
    private static readonly Dictionary<string, string?> TuningOnly = new()
    {
        ["AiPlatform:Data:ObjectStore:Region"] = "eu-west-1",
        ["AiPlatform:Data:ObjectStore:MaxRetries"] = "5",
        ["AiPlatform:Data:ObjectStore:UseSsl"] = "true",
        ["AiPlatform:Data:Events:MaxAttempts"] = "5",
        ["AiPlatform:Data:Events:ClientId"] = "orders",
        ["AiPlatform:Data:Documents:Database"] = "orders",
        ["AiPlatform:Data:Redis:InstanceName"] = "orders:",
        ["AiPlatform:Data:Postgres:ApplyMigrations"] = "false",
    };

    [Fact]
    public void Tuning_keys_keep_every_part_embedded()
    {
        using var host = TestHost.Build(TuningOnly, data => data.AddDocumentCollection(Articles));

        Assert.IsType<LocalObjectStore>(host.Services.GetRequiredService<IObjectStore>());
        Assert.IsType<InProcessEventStream>(host.Services.GetRequiredService<IEventStream>());
        Assert.IsType<EmbeddedDocumentDatabase>(host.Services.GetRequiredService<DocumentDatabaseClient>().Database);
        Assert.Equal("in-process", ((InstrumentedDistributedCache)host.Services.GetRequiredService<IDistributedCache>()).Endpoint);
        Assert.Null(host.Services.GetService<NpgsqlDataSource>());
    }

    [Fact]
    public void Setting_the_endpoint_or_connection_string_switches_each_part_to_its_server()
    {
        var settings = new Dictionary<string, string?>(TuningOnly)
        {
            ["AiPlatform:Data:ObjectStore:Endpoint"] = "127.0.0.1:9",
            ["AiPlatform:Data:ObjectStore:AccessKey"] = "switch-rule",
            ["AiPlatform:Data:ObjectStore:SecretKey"] = "switch-rule",
            ["AiPlatform:Data:Events:ConnectionString"] = "127.0.0.1:9",
            ["AiPlatform:Data:Documents:ConnectionString"] = "mongodb://127.0.0.1:9",
            ["AiPlatform:Data:Redis:ConnectionString"] = "127.0.0.1:9,abortConnect=false",
            ["AiPlatform:Data:Postgres:ConnectionString"] = "Host=127.0.0.1;Port=9",
        };
        using var host = TestHost.Build(settings, data => data.AddDocumentCollection(Articles));

        Assert.IsType<S3ObjectStore>(host.Services.GetRequiredService<IObjectStore>());
        Assert.IsType<KafkaEventStream>(host.Services.GetRequiredService<IEventStream>());
        Assert.IsType<MongoDocumentDatabase>(host.Services.GetRequiredService<DocumentDatabaseClient>().Database);
        Assert.Equal("127.0.0.1:9", ((InstrumentedDistributedCache)host.Services.GetRequiredService<IDistributedCache>()).Endpoint);
        Assert.NotNull(host.Services.GetService<NpgsqlDataSource>());
    }

    [Fact]
    public void A_connection_string_that_is_not_mongodb_selects_postgres_for_documents()
    {
        using var host = TestHost.Build(
            new Dictionary<string, string?> { ["AiPlatform:Data:Documents:ConnectionString"] = "Host=127.0.0.1;Port=9" },
            data => data.AddDocumentCollection(Articles));

        Assert.IsType<PostgresDocumentDatabase>(host.Services.GetRequiredService<DocumentDatabaseClient>().Database);
    }

    private static DocumentCollection<Article> Articles => new("articles", TestJsonContext.Default.Article);
}
