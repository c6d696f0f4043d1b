using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;
using Xunit;

namespace AiPlatform.Sdk.Testing.VectorStoreConformance;

/// <summary>
/// The behaviour every <see cref="VectorStore"/> of the SDK shares: CRUD single and batch, each distance function, filters,
/// paging, vectors included or not, embedding generation and concurrent use. Subclass it once per provider and implement
/// <see cref="CreateStore"/>; each test uses a collection of its own.
/// </summary>
public abstract class VectorStoreConformanceTests
{
    /// <summary>The six distance functions that both providers implement.</summary>
    public static TheoryData<string> AllDistanceFunctions { get; } = new(
        DistanceFunction.CosineSimilarity, DistanceFunction.CosineDistance, DistanceFunction.DotProductSimilarity,
        DistanceFunction.NegativeDotProductSimilarity, DistanceFunction.EuclideanDistance, DistanceFunction.EuclideanSquaredDistance);

    /// <summary>Creates the store under test, with <paramref name="generator"/> as its default embedding generator.</summary>
    protected abstract VectorStore CreateStore(IEmbeddingGenerator? generator = null);

    /// <summary>Whether the provider accepts <see cref="string"/> and <see cref="long"/> keys besides <see cref="Guid"/>.</summary>
    protected virtual bool SupportsNonGuidKeys => true;

    [Fact]
    public async Task Collection_exists_after_ensure_and_not_after_delete()
    {
        using var store = CreateStore();
        var collection = store.GetCollection<Guid, Hotel>(NewName());

        await collection.EnsureCollectionExistsAsync();
        var existed = await collection.CollectionExistsAsync();
        var listed = await ToListAsync(store.ListCollectionNamesAsync());
        await collection.EnsureCollectionDeletedAsync();

        Assert.True(existed);
        Assert.Contains(collection.Name, listed);
        Assert.False(await collection.CollectionExistsAsync());
        Assert.False(await store.CollectionExistsAsync(collection.Name));
    }

    [Fact]
    public async Task Upsert_then_get_returns_every_data_property_without_the_vector()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        var hotel = NewHotel("Grand", [1, 0, 0, 0], rating: 4, price: 120.5, open: true, tags: ["pool", "spa"]);

        await collection.UpsertAsync(hotel);
        var read = await collection.GetAsync(hotel.Id);

        Assert.NotNull(read);
        Assert.Equal(hotel.Id, read.Id);
        Assert.Equal("Grand", read.Name);
        Assert.Equal(4, read.Rating);
        Assert.Equal(120.5, read.Price);
        Assert.True(read.Open);
        Assert.Equal(["pool", "spa"], read.Tags);
        Assert.Null(read.Embedding);
    }

    [Fact]
    public async Task Get_with_include_vectors_returns_the_stored_vector()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        var hotel = NewHotel("Vectors", [0.5f, -1, 2, 0.25f]);
        await collection.UpsertAsync(hotel);

        var read = await collection.GetAsync(hotel.Id, new RecordRetrievalOptions { IncludeVectors = true });

        Assert.Equal([0.5f, -1, 2, 0.25f], read!.Embedding!.Value.ToArray());
    }

    [Fact]
    public async Task Get_of_a_missing_key_returns_null()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;

        Assert.Null(await collection.GetAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Upsert_replaces_the_record_with_the_same_key()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        var hotel = NewHotel("Before", [1, 0, 0, 0]);
        await collection.UpsertAsync(hotel);

        hotel.Name = "After";
        hotel.Embedding = new float[] { 0, 1, 0, 0 };
        await collection.UpsertAsync(hotel);
        var read = await collection.GetAsync(hotel.Id);
        var nearest = await ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>([0, 1, 0, 0]), 5));

        Assert.Equal("After", read!.Name);
        var only = Assert.Single(nearest);
        Assert.Equal(hotel.Id, only.Record.Id);
    }

    [Fact]
    public async Task Batch_upsert_get_and_delete_handle_every_record()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        var hotels = Enumerable.Range(0, 20).Select(i => NewHotel($"H{i}", [1, i, 0, 0], rating: i)).ToList();

        await collection.UpsertAsync(hotels);
        var read = await ToListAsync(collection.GetAsync(hotels.Select(h => h.Id)));
        await collection.DeleteAsync(hotels.Take(15).Select(h => h.Id));
        var left = await ToListAsync(collection.GetAsync(hotels.Select(h => h.Id)));

        Assert.Equal(hotels.Select(h => h.Name).Order(), read.Select(h => h.Name).Order());
        Assert.Equal(hotels.Skip(15).Select(h => h.Id).Order(), left.Select(h => h.Id).Order());
    }

    [Fact]
    public async Task Delete_of_one_key_removes_only_that_record()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        var keep = NewHotel("Keep", [1, 0, 0, 0]);
        var drop = NewHotel("Drop", [0, 1, 0, 0]);
        await collection.UpsertAsync([keep, drop]);

        await collection.DeleteAsync(drop.Id);

        Assert.Null(await collection.GetAsync(drop.Id));
        Assert.NotNull(await collection.GetAsync(keep.Id));
    }

    [Fact]
    public async Task Search_returns_the_nearest_records_first()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        var near = NewHotel("Near", [1, 0.1f, 0, 0]);
        var middle = NewHotel("Middle", [1, 1, 0, 0]);
        var far = NewHotel("Far", [0, 0, 1, 0]);
        await collection.UpsertAsync([far, near, middle]);

        var results = await ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>([1, 0, 0, 0]), 3));

        Assert.Equal(["Near", "Middle", "Far"], results.Select(r => r.Record.Name));
        Assert.True(results[0].Score > results[1].Score && results[1].Score > results[2].Score);
    }

    [Theory]
    [MemberData(nameof(AllDistanceFunctions))]
    public async Task Search_scores_with_the_distance_function_of_the_vector_property(string distanceFunction)
    {
        using var store = CreateStore();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty(nameof(Hotel.Id), typeof(Guid)),
                new VectorStoreDataProperty(nameof(Hotel.Name), typeof(string)),
                new VectorStoreVectorProperty(nameof(Hotel.Embedding), typeof(ReadOnlyMemory<float>?), 4) { DistanceFunction = distanceFunction },
            ],
        };
        var collection = store.GetCollection<Guid, Hotel>(NewName(), definition);
        await collection.EnsureCollectionExistsAsync();
        float[] query = [1, 2, 0, 1];
        var vectors = new[] { new float[] { 1, 2, 0, 1.5f }, [3, 1, 1, 0], [-1, 0.5f, 2, 1], [0.5f, 4, 0, 0] };
        await collection.UpsertAsync(vectors.Select((v, i) => NewHotel($"V{i}", v)));

        var results = await ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>(query), 4));

        var expected = vectors.Select((v, i) => (Name: $"V{i}", Score: ReferenceScore(query, v, distanceFunction)))
            .OrderBy(e => HigherIsBetter(distanceFunction) ? -e.Score : e.Score).ToList();
        Assert.Equal(expected.Select(e => e.Name), results.Select(r => r.Record.Name));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, results[i].Score!.Value, 3);
        }
    }

    [Fact]
    public async Task Search_pages_with_skip_and_top_without_overlap()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        await collection.UpsertAsync(Enumerable.Range(0, 10).Select(i => NewHotel($"P{i}", [1, i * 0.1f, 0, 0])));
        var query = new ReadOnlyMemory<float>([1, 0, 0, 0]);

        var all = await ToListAsync(collection.SearchAsync(query, 10));
        var first = await ToListAsync(collection.SearchAsync(query, 4));
        var second = await ToListAsync(collection.SearchAsync(query, 4, new VectorSearchOptions<Hotel> { Skip = 4 }));

        Assert.Equal(all.Take(8).Select(r => r.Record.Name), first.Concat(second).Select(r => r.Record.Name));
    }

    [Fact]
    public async Task Search_drops_results_beyond_the_score_threshold()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        await collection.UpsertAsync([NewHotel("Same", [1, 0, 0, 0]), NewHotel("Close", [1, 0.2f, 0, 0]), NewHotel("Opposite", [-1, 0, 0, 0])]);

        var results = await ToListAsync(collection.SearchAsync(
            new ReadOnlyMemory<float>([1, 0, 0, 0]), 3, new VectorSearchOptions<Hotel> { ScoreThreshold = 0.9 }));

        Assert.Equal(["Same", "Close"], results.Select(r => r.Record.Name));
    }

    [Fact]
    public async Task Search_includes_vectors_only_when_asked()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        await collection.UpsertAsync(NewHotel("One", [1, 2, 3, 4]));
        var query = new ReadOnlyMemory<float>([1, 2, 3, 4]);

        var without = await ToListAsync(collection.SearchAsync(query, 1));
        var with = await ToListAsync(collection.SearchAsync(query, 1, new VectorSearchOptions<Hotel> { IncludeVectors = true }));

        Assert.Null(without[0].Record.Embedding);
        Assert.Equal([1f, 2, 3, 4], with[0].Record.Embedding!.Value.ToArray());
    }

    /// <summary>The filters every provider translates, with the hotel names each one must keep.</summary>
    public static TheoryData<string> FilterCases { get; } = new(
        "equal", "not-equal", "range", "and", "or", "not", "tag-contains", "in-list", "bool", "captured",
        "constant-true", "constant-false", "folds-to-false-or", "folds-to-true-and", "not-constant");

    [Theory]
    [MemberData(nameof(FilterCases))]
    public async Task Search_applies_the_filter(string filterCase)
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        await collection.UpsertAsync(
        [
            NewHotel("Alpha", [1, 0, 0, 0], rating: 1, price: 50, open: true, tags: ["pool"]),
            NewHotel("Beta", [1, 0.1f, 0, 0], rating: 3, price: 150, open: false, tags: ["spa", "pool"]),
            NewHotel("Gamma", [1, 0.2f, 0, 0], rating: 5, price: 250, open: true, tags: ["gym"]),
        ]);
        var minimum = 3;
        var (filter, expected) = filterCase switch
        {
            "equal" => ((System.Linq.Expressions.Expression<Func<Hotel, bool>>)(h => h.Name == "Beta"), new[] { "Beta" }),
            "not-equal" => (h => h.Name != "Beta", ["Alpha", "Gamma"]),
            "range" => (h => h.Price > 60 && h.Price <= 250, ["Beta", "Gamma"]),
            "and" => (h => h.Rating >= 3 && h.Open == true, ["Gamma"]),
            "or" => (h => h.Rating == 1 || h.Rating == 5, ["Alpha", "Gamma"]),
            "not" => (h => !(h.Rating < 3), ["Beta", "Gamma"]),
            "tag-contains" => (h => h.Tags.Contains("pool"), ["Alpha", "Beta"]),
            "in-list" => (h => new[] { "Alpha", "Gamma" }.Contains(h.Name), ["Alpha", "Gamma"]),
            "bool" => (h => h.Open, ["Alpha", "Gamma"]),
            "constant-true" => (h => true, ["Alpha", "Beta", "Gamma"]),
            "constant-false" => (h => false, []),
            "folds-to-false-or" => (h => minimum > 100 || h.Name == "Beta", ["Beta"]),
            "folds-to-true-and" => (h => minimum == 3 && h.Open, ["Alpha", "Gamma"]),
            "not-constant" => (h => !(minimum == 3), []),
            _ => (h => h.Rating >= minimum, ["Beta", "Gamma"]),
        };

        var results = await ToListAsync(collection.SearchAsync(
            new ReadOnlyMemory<float>([1, 0, 0, 0]), 10, new VectorSearchOptions<Hotel> { Filter = filter }));

        Assert.Equal(expected, results.Select(r => r.Record.Name));
    }

    [Fact]
    public async Task An_untranslatable_filter_fails_naming_the_expression()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        await collection.UpsertAsync(NewHotel("Alpha", [1, 0, 0, 0]));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => ToListAsync(collection.SearchAsync(
            new ReadOnlyMemory<float>([1, 0, 0, 0]), 1, new VectorSearchOptions<Hotel> { Filter = h => h.Name.StartsWith('A') })));

        Assert.Contains("StartsWith", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_whole_list_property_compared_with_a_list_fails_naming_the_expression()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        await collection.UpsertAsync(NewHotel("Alpha", [1, 0, 0, 0], tags: ["foo", "bar"]));

        var error = await Assert.ThrowsAsync<NotSupportedException>(() =>
            ToListAsync(collection.GetAsync(h => h.Tags == new[] { "foo", "bar" }, 10)));

        Assert.Contains("Tags", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_with_the_filter_true_lists_every_record()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        await collection.UpsertAsync(Enumerable.Range(1, 5).Select(i => NewHotel($"L{i}", [1, i, 0, 0], rating: i)));

        var all = await ToListAsync(collection.GetAsync(h => true, 100));
        var none = await ToListAsync(collection.GetAsync(h => false, 100));

        Assert.Equal(["L1", "L2", "L3", "L4", "L5"], all.Select(h => h.Name).Order());
        Assert.Empty(none);
    }

    [Fact]
    public async Task Get_by_filter_returns_matching_records_with_skip_and_top()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        await collection.UpsertAsync(Enumerable.Range(1, 9).Select(i => NewHotel($"R{i}", [1, i, 0, 0], rating: i)));

        var page = await ToListAsync(collection.GetAsync(h => h.Rating > 2, 3, new FilteredRecordRetrievalOptions<Hotel>
        {
            Skip = 2,
            OrderBy = o => o.Ascending(h => h.Rating),
        }));

        Assert.Equal([5, 6, 7], page.Select(h => h.Rating));
    }

    [Fact]
    public async Task Text_records_and_text_queries_are_embedded_by_the_configured_generator()
    {
        var generator = new HashingEmbeddingGenerator();
        using var store = CreateStore(generator);
        var collection = store.GetCollection<Guid, Note>(NewName());
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(
        [
            new Note { Id = Guid.NewGuid(), Text = "the quick brown fox jumps" },
            new Note { Id = Guid.NewGuid(), Text = "a database stores vectors on disk" },
            new Note { Id = Guid.NewGuid(), Text = "lazy dogs sleep all afternoon" },
        ]);

        var results = await ToListAsync(collection.SearchAsync("where are vectors stored on disk", 1));

        Assert.Equal("a database stores vectors on disk", results[0].Record.Text);
        Assert.Equal(4, generator.Embedded);
        await Assert.ThrowsAsync<NotSupportedException>(() =>
            collection.GetAsync(results[0].Record.Id, new RecordRetrievalOptions { IncludeVectors = true }));
    }

    [Fact]
    public async Task Concurrent_upserts_and_searches_lose_no_record()
    {
        var (store, collection) = await CreateHotelsAsync();
        using var _ = store;
        var batches = Enumerable.Range(0, 8)
            .Select(b => Enumerable.Range(0, 25).Select(i => NewHotel($"C{b}-{i}", [1, b, i, 1])).ToList())
            .ToList();

        await Task.WhenAll(batches.Select(async batch =>
        {
            foreach (var chunk in batch.Chunk(5))
            {
                await collection.UpsertAsync(chunk);
                await ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>([1, 1, 1, 1]), 3));
            }
        }));
        var read = await ToListAsync(collection.GetAsync(batches.SelectMany(b => b).Select(h => h.Id)));

        Assert.Equal(200, read.Count);
    }

    [Fact]
    public async Task String_and_long_keys_round_trip()
    {
        if (!SupportsNonGuidKeys)
        {
            using var guidOnly = CreateStore();
            Assert.ThrowsAny<NotSupportedException>(() => guidOnly.GetCollection<string, Tagged>(NewName()));
            return;
        }

        using var store = CreateStore();
        var tagged = store.GetCollection<string, Tagged>(NewName());
        var numbered = store.GetCollection<long, Numbered>(NewName());
        await tagged.EnsureCollectionExistsAsync();
        await numbered.EnsureCollectionExistsAsync();

        await tagged.UpsertAsync(new Tagged { Id = "doc-1", Label = "one", Vector = [1, 0] });
        await numbered.UpsertAsync(new Numbered { Id = 42, Label = "forty-two", Vector = [0, 1] });

        Assert.Equal("one", (await tagged.GetAsync("doc-1"))!.Label);
        Assert.Equal("forty-two", (await numbered.GetAsync(42))!.Label);
    }

    /// <summary>A fresh collection name: a letter, then letters and digits, valid for every provider.</summary>
    protected static string NewName() => "Conformance" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Creates a store and an existing, empty hotel collection.</summary>
    protected async Task<(VectorStore Store, VectorStoreCollection<Guid, Hotel> Collection)> CreateHotelsAsync()
    {
        var store = CreateStore();
        var collection = store.GetCollection<Guid, Hotel>(NewName());
        await collection.EnsureCollectionExistsAsync();
        return (store, collection);
    }

    /// <summary>A hotel with a new key.</summary>
    protected static Hotel NewHotel(string name, float[] vector, int rating = 0, double price = 0, bool open = false, string[]? tags = null) =>
        new() { Id = Guid.NewGuid(), Name = name, Rating = rating, Price = price, Open = open, Tags = tags ?? [], Embedding = vector };

    /// <summary>Drains an async sequence.</summary>
    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private static bool HigherIsBetter(string distanceFunction) =>
        distanceFunction is DistanceFunction.CosineSimilarity or DistanceFunction.DotProductSimilarity;

    private static double ReferenceScore(float[] x, float[] y, string distanceFunction)
    {
        double dot = 0, xx = 0, yy = 0, l2 = 0;
        for (var i = 0; i < x.Length; i++)
        {
            dot += x[i] * y[i];
            xx += x[i] * x[i];
            yy += y[i] * y[i];
            l2 += (x[i] - y[i]) * (x[i] - y[i]);
        }

        var cosine = dot / Math.Sqrt(xx * yy);
        return distanceFunction switch
        {
            DistanceFunction.CosineSimilarity => cosine,
            DistanceFunction.CosineDistance => 1 - cosine,
            DistanceFunction.DotProductSimilarity => dot,
            DistanceFunction.NegativeDotProductSimilarity => -dot,
            DistanceFunction.EuclideanDistance => Math.Sqrt(l2),
            _ => l2,
        };
    }
}
