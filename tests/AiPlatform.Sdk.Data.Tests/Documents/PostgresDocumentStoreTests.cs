using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Data.Tests.Documents;

/// <summary>The shared suite on PostgreSQL (jsonb) switched on by <c>AiPlatform:Data:Documents:ConnectionString</c>.</summary>
[Trait("Kind", "Live")]
public sealed class PostgresDocumentStoreTests : DocumentStoreSuite
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["AiPlatform:Data:Documents:ConnectionString"] = ServiceEndpoints.Postgres,
    };

    [Fact]
    public async Task Unreachable_server_fails_naming_postgres_and_its_endpoint()
    {
        using var host = TestHost.Build(
            new Dictionary<string, string?> { ["AiPlatform:Data:Documents:ConnectionString"] = "Host=127.0.0.1;Port=9;Timeout=2" },
            data => data.AddDocumentCollection(Collection));
        var store = (IDocumentStore<Article>)host.Services.GetService(typeof(IDocumentStore<Article>))!;

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => store.GetAsync("x"));

        Assert.Equal("postgres", error.Service);
        Assert.Contains("127.0.0.1:9", error.Message, StringComparison.Ordinal);
    }
}
