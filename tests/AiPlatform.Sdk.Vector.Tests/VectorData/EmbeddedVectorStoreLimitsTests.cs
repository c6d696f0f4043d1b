using AiPlatform.Sdk.Testing.VectorStoreConformance;
using AiPlatform.Sdk.Vector.VectorData;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.VectorData;

/// <summary>Each row of the "Not supported" table of docs/vector-store.md: it fails with <see cref="NotSupportedException"/> where it is used.</summary>
public sealed class EmbeddedVectorStoreLimitsTests : IDisposable
{
    private readonly EmbeddedVectorStore _store = new();

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Any_with_Contains_over_a_captured_array_fails_naming_the_expression()
    {
        var collection = _store.GetCollection<Guid, Hotel>("any-contains");
        await collection.EnsureCollectionExistsAsync();
        var wanted = new[] { "pool", "spa" };

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => ToListAsync(collection.GetAsync(h => h.Tags.Any(t => wanted.Contains(t)), 10)));

        Assert.Contains("Any", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_DateOnly_property_fails_when_the_collection_is_described()
    {
        var error = Assert.Throws<NotSupportedException>(() => _store.GetCollection<Guid, WithDate>("dates"));

        Assert.Contains(nameof(WithDate.Day), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TimeOnly_property_fails_when_the_collection_is_described()
    {
        var error = Assert.Throws<NotSupportedException>(() => _store.GetCollection<Guid, WithTime>("times"));

        Assert.Contains(nameof(WithTime.At), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DistanceFunction.HammingDistance)]
    [InlineData(DistanceFunction.ManhattanDistance)]
    public void Hamming_and_Manhattan_distances_fail_when_the_collection_is_described(string distanceFunction)
    {
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(Guid)),
                new VectorStoreVectorProperty("Embedding", typeof(ReadOnlyMemory<float>?), 4) { DistanceFunction = distanceFunction },
            ],
        };

        var error = Assert.Throws<NotSupportedException>(() => _store.GetCollection<Guid, Hotel>("distances", definition));

        Assert.Contains(distanceFunction, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_int_key_fails_when_the_collection_is_described()
    {
        var error = Assert.Throws<NotSupportedException>(() => _store.GetCollection<int, WithIntKey>("int-keys"));

        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hybrid_search_is_not_offered_by_embedded_collections()
    {
        var collection = _store.GetCollection<Guid, Hotel>("hybrid");

        Assert.IsNotAssignableFrom<IKeywordHybridSearchable<Hotel>>(collection);
        Assert.Null(collection.GetService(typeof(IKeywordHybridSearchable<Hotel>)));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    public sealed class WithDate
    {
        [VectorStoreKey]
        public Guid Id { get; set; }

        [VectorStoreData]
        public DateOnly Day { get; set; }

        [VectorStoreVector(2)]
        public ReadOnlyMemory<float> Embedding { get; set; }
    }

    public sealed class WithTime
    {
        [VectorStoreKey]
        public Guid Id { get; set; }

        [VectorStoreData]
        public TimeOnly At { get; set; }

        [VectorStoreVector(2)]
        public ReadOnlyMemory<float> Embedding { get; set; }
    }

    public sealed class WithIntKey
    {
        [VectorStoreKey]
        public int Id { get; set; }

        [VectorStoreVector(2)]
        public ReadOnlyMemory<float> Embedding { get; set; }
    }
}
