using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing.VectorStoreConformance;
using AiPlatform.Sdk.Vector.Weaviate;
using AiPlatform.Sdk.Vector.Weaviate.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.Weaviate;

[Trait("Kind", "Contract")]
public sealed class WeaviateContractTests(FakeWeaviate server) : IClassFixture<FakeWeaviate>
{
    [Fact]
    public async Task Creating_a_collection_posts_the_class_with_named_vectors_and_lower_case_properties()
    {
        var (services, store) = WeaviateStoreFactory.Create(server);
        using var _ = services;
        var name = NewName();

        await store.GetCollection<Guid, Hotel>(name).EnsureCollectionExistsAsync();

        var post = server.Rest.Requests.Last(r => r.Method == "POST" && r.PathAndQuery == "/v1/schema");
        var body = JsonNode.Parse(post.Body)!;
        Assert.Equal(name, body["class"]!.GetValue<string>());
        // Weaviate's REST schema (POST /v1/schema, "Add a class"): properties are {name, dataType: [type]} with Weaviate's data
        // type names (text, int, number, boolean, text[]) and the indexFilterable flag; named vectors go under vectorConfig, each
        // with vectorizer "none" for vectors the client supplies, vectorIndexType and vectorIndexConfig.distance.
        Assert.Equal(
            """[{"name":"name","dataType":["text"],"indexFilterable":true},{"name":"rating","dataType":["int"],"indexFilterable":true},{"name":"price","dataType":["number"],"indexFilterable":true},{"name":"open","dataType":["boolean"],"indexFilterable":true},{"name":"tags","dataType":["text[]"],"indexFilterable":true}]""",
            body["properties"]!.ToJsonString());
        Assert.Equal("""{"Embedding":{"vectorizer":{"none":{}},"vectorIndexType":"hnsw","vectorIndexConfig":{"distance":"cosine"}}}""", body["vectorConfig"]!.ToJsonString());
        Assert.Null(body["multiTenancyConfig"]);
    }

    [Fact]
    public async Task Search_sends_near_vector_filter_paging_tenant_and_consistency_level_over_grpc()
    {
        var (services, store) = WeaviateStoreFactory.Create(server, settings: new Dictionary<string, string?>
        {
            ["AiPlatform:Vector:Weaviate:Tenant"] = "tenant-a",
            ["AiPlatform:Vector:Weaviate:ConsistencyLevel"] = "QUORUM",
        });
        using var _ = services;
        var collection = store.GetCollection<Guid, Hotel>(NewName());
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(new Hotel { Id = Guid.NewGuid(), Name = "A", Rating = 4, Tags = ["pool"], Embedding = new float[] { 1, 0, 0, 0 } });

        var results = await ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>([0.5f, 0, 0, 0]), 3, new VectorSearchOptions<Hotel>
        {
            Skip = 1,
            Filter = h => h.Rating >= 3 && h.Tags.Contains("pool"),
        }));

        var request = server.Searches.Last(s => s.Collection == collection.Name);
        Assert.Equal((3u, 1u), (request.Limit, request.Offset));
        Assert.Equal("tenant-a", request.Tenant);
        Assert.Equal(ConsistencyLevel.Quorum, request.ConsistencyLevel);
        Assert.True(request.Uses127Api);
        Assert.Equal(["Embedding"], request.NearVector.Targets.TargetVectors);
        Assert.Equal(Vectors.Types.VectorType.SingleFp32, request.NearVector.Vectors[0].Type);
        Assert.Equal(BitConverter.GetBytes(0.5f).Concat(new byte[12]), request.NearVector.Vectors[0].VectorBytes.ToByteArray());
        Assert.True(request.Metadata.Uuid && request.Metadata.Distance && request.Properties.ReturnAllNonrefProperties);
        Assert.Equal(Filters.Types.Operator.And, request.Filters.Operator);
        Assert.Equal(("rating", Filters.Types.Operator.GreaterThanEqual, 3L),
            (request.Filters.Filters_[0].Target.Property, request.Filters.Filters_[0].Operator, request.Filters.Filters_[0].ValueInt));
        Assert.Equal(("tags", Filters.Types.Operator.ContainsAny, "pool"),
            (request.Filters.Filters_[1].Target.Property, request.Filters.Filters_[1].Operator, request.Filters.Filters_[1].ValueTextArray.Values.Single()));
        var batch = server.Batches.Last(b => b.Objects[0].Collection == collection.Name);
        Assert.Equal(("tenant-a", ConsistencyLevel.Quorum), (batch.Objects[0].Tenant, batch.ConsistencyLevel));
        Assert.Empty(results);
    }

    [Fact]
    public async Task A_multi_tenant_collection_is_created_with_its_tenant()
    {
        var (services, store) = WeaviateStoreFactory.Create(server, settings: new Dictionary<string, string?> { ["AiPlatform:Vector:Weaviate:Tenant"] = "t1" });
        using var _ = services;
        var name = NewName();

        await store.GetCollection<Guid, Hotel>(name).EnsureCollectionExistsAsync();

        var schema = JsonNode.Parse(server.Rest.Requests.Last(r => r.PathAndQuery == "/v1/schema" && r.Method == "POST").Body)!;
        Assert.True(schema["multiTenancyConfig"]!["enabled"]!.GetValue<bool>());
        var tenants = server.Rest.Requests.Last(r => r.PathAndQuery == $"/v1/schema/{name}/tenants");
        Assert.Equal("""[{"name":"t1"}]""", tenants.Body);
    }

    [Fact]
    public async Task Get_reads_the_object_over_rest_with_vectors_tenant_and_consistency_level()
    {
        var (services, store) = WeaviateStoreFactory.Create(server, settings: new Dictionary<string, string?>
        {
            ["AiPlatform:Vector:Weaviate:Tenant"] = "t2",
            ["AiPlatform:Vector:Weaviate:ConsistencyLevel"] = "ALL",
        });
        using var _ = services;
        var collection = store.GetCollection<Guid, Hotel>(NewName());
        await collection.EnsureCollectionExistsAsync();
        var id = Guid.NewGuid();
        await collection.UpsertAsync(new Hotel { Id = id, Name = "Stored", Rating = 2, Embedding = new float[] { 0, 1, 0, 0 } });

        var read = await collection.GetAsync(id, new RecordRetrievalOptions { IncludeVectors = true });

        Assert.Contains(server.Rest.Requests, r => r.Method == "GET" && r.PathAndQuery == $"/v1/objects/{collection.Name}/{id}?include=vector&tenant=t2&consistency_level=ALL");
        Assert.Equal(("Stored", 2), (read!.Name, read.Rating));
        Assert.Equal([0f, 1, 0, 0], read.Embedding!.Value.ToArray());
    }

    [Fact]
    public async Task Hybrid_search_sends_the_keywords_the_text_property_and_alpha()
    {
        var (services, store) = WeaviateStoreFactory.Create(server, settings: new Dictionary<string, string?> { ["AiPlatform:Vector:Weaviate:HybridAlpha"] = "0.25" });
        using var _ = services;
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(Guid)),
                new VectorStoreDataProperty("Name", typeof(string)) { IsFullTextIndexed = true },
                new VectorStoreVectorProperty("Embedding", typeof(ReadOnlyMemory<float>?), 4),
            ],
        };
        var collection = store.GetCollection<Guid, Hotel>(NewName(), definition);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(
        [
            new Hotel { Id = Guid.NewGuid(), Name = "quiet harbour hotel", Embedding = new float[] { 0, 1, 0, 0 } },
            new Hotel { Id = Guid.NewGuid(), Name = "busy city inn", Embedding = new float[] { 1, 0, 0, 0 } },
        ]);
        var hybrid = (IKeywordHybridSearchable<Hotel>)collection;

        var results = await ToListAsync(hybrid.HybridSearchAsync(new ReadOnlyMemory<float>([1, 0, 0, 0]), ["harbour"], 2));

        var request = server.Searches.Last(s => s.Collection == collection.Name).HybridSearch;
        Assert.Equal(("harbour", 0.25f, Hybrid.Types.FusionType.RelativeScore), (request.Query, request.Alpha, request.FusionType));
        Assert.Equal(["name"], request.Properties);
        Assert.Equal(["Embedding"], request.Targets.TargetVectors);
        // Weaviate's relativeScoreFusion (see FakeWeaviate.Fuse): the keyword leg holds only the harbour hotel, so it gets the whole
        // keyword weight 1 - 0.25; on the vector leg the city inn (cosine distance 0) normalises to 1 and the harbour hotel
        // (distance 1) to 0, weighted 0.25. The client passes Weaviate's fused scores through.
        Assert.Equal(["quiet harbour hotel", "busy city inn"], results.Select(r => r.Record.Name));
        Assert.Equal([0.75, 0.25], results.Select(r => Math.Round(r.Score!.Value, 6)));
    }

    [Fact]
    public async Task Objects_the_server_rejects_are_reported_with_index_key_and_reason_and_the_rest_are_stored()
    {
        var (services, store) = WeaviateStoreFactory.Create(server);
        using var _ = services;
        var collection = store.GetCollection<Guid, Hotel>(NewName());
        await collection.EnsureCollectionExistsAsync();
        var hotels = Enumerable.Range(0, 4).Select(i => new Hotel { Id = Guid.NewGuid(), Name = $"H{i}", Embedding = new float[] { 1, i, 0, 0 } }).ToList();
        server.Reject = o => o.Uuid == hotels[2].Id.ToString() ? "vector lengths don't match" : null;

        try
        {
            var error = await Assert.ThrowsAsync<WeaviateBatchException>(() => collection.UpsertAsync(hotels));

            var rejected = Assert.Single(error.Errors);
            Assert.Equal((2, hotels[2].Id, "vector lengths don't match"), (rejected.Index, rejected.Key, rejected.Message));
            Assert.NotNull(await collection.GetAsync(hotels[3].Id));
            Assert.Null(await collection.GetAsync(hotels[2].Id));
        }
        finally
        {
            server.Reject = _ => null;
        }
    }

    [Fact]
    public async Task A_rest_failure_surfaces_as_a_platform_exception_with_the_server_message()
    {
        var (services, store) = WeaviateStoreFactory.Create(server);
        using var _ = services;
        server.FailRestWith = 500;

        try
        {
            var error = await Assert.ThrowsAsync<AiPlatformException>(() => store.CollectionExistsAsync(NewName()));

            Assert.Equal((500, "Weaviate"), (error.StatusCode, error.Service));
            Assert.Contains("weaviate is unhappy", error.ServerMessage, StringComparison.Ordinal);
        }
        finally
        {
            server.FailRestWith = null;
        }
    }

    [Fact]
    public async Task A_grpc_failure_surfaces_as_a_platform_exception()
    {
        var (services, store) = WeaviateStoreFactory.Create(server);
        using var _ = services;
        var collection = store.GetCollection<Guid, Hotel>(NewName());

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>([1, 0, 0, 0]), 1)));

        Assert.Contains("not found", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_grpc_endpoint_defaults_to_port_50051_of_the_rest_host()
    {
        var grpc = new WeaviateGrpcSettings();

        grpc.CopyFrom(new WeaviateSettings { Endpoint = new Uri("http://weaviate:8080/") });

        Assert.Equal(new Uri("http://weaviate:50051/"), grpc.Endpoint);
    }

    [Fact]
    public void Collection_names_that_weaviate_rejects_fail_before_any_call()
    {
        var (services, store) = WeaviateStoreFactory.Create(server);
        using var _ = services;

        var error = Assert.Throws<ArgumentException>(() => store.GetCollection<Guid, Hotel>("lower-case"));

        Assert.Contains("lower-case", error.Message, StringComparison.Ordinal);
    }

    private static string NewName() => "Contract" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
