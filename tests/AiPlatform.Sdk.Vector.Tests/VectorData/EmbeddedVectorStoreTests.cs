using AiPlatform.Sdk.Testing.VectorStoreConformance;
using AiPlatform.Sdk.Vector.VectorData;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.VectorData;

public sealed class EmbeddedVectorStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aip-vectordata-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_collection_reopens_with_its_records_after_the_store_is_recreated()
    {
        var kept = NewHotel("Kept", [1, 0, 0, 0]);
        var deleted = NewHotel("Deleted", [0, 1, 0, 0]);
        using (var first = NewStore())
        {
            var collection = first.GetCollection<Guid, Hotel>("hotels");
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync([kept, deleted]);
            await collection.DeleteAsync(deleted.Id);
        }

        using var second = NewStore();
        var reopened = second.GetCollection<Guid, Hotel>("hotels");
        var names = await ToListAsync(second.ListCollectionNamesAsync());
        var results = await ToListAsync(reopened.SearchAsync(new ReadOnlyMemory<float>([1, 0, 0, 0]), 5));

        Assert.Equal(["hotels"], names);
        Assert.Equal(["Kept"], results.Select(r => r.Record.Name));
        Assert.Null(await reopened.GetAsync(deleted.Id));
    }

    [Fact]
    public async Task A_torn_write_at_the_end_of_the_log_is_dropped_and_earlier_records_survive()
    {
        var hotel = NewHotel("Survivor", [1, 0, 0, 0]);
        using (var first = NewStore())
        {
            var collection = first.GetCollection<Guid, Hotel>("torn");
            await collection.EnsureCollectionExistsAsync();
            await collection.UpsertAsync(hotel);
        }

        var log = Path.Combine(_folder.FullName, "torn", "records.log");
        await File.AppendAllBytesAsync(log, [40, 0, 0, 0, 1, 2, 3, 4, 1, 2]);

        using var second = NewStore();
        var reopened = second.GetCollection<Guid, Hotel>("torn");
        var read = await reopened.GetAsync(hotel.Id);
        await reopened.UpsertAsync(NewHotel("After", [0, 1, 0, 0]));

        Assert.Equal("Survivor", read!.Name);
        Assert.Equal(2, (await ToListAsync(reopened.GetAsync(h => h.Name != "", 10))).Count);
    }

    [Fact]
    public async Task A_log_with_a_foreign_header_fails_with_a_clear_error()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_folder.FullName, "foreign"));
        using (var first = NewStore())
        {
            await first.GetCollection<Guid, Hotel>("foreign").EnsureCollectionExistsAsync();
        }

        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "records.log"), "not a log at all");
        using var second = NewStore();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => second.GetCollection<Guid, Hotel>("foreign").GetAsync(Guid.NewGuid()));
        Assert.Contains("bad header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_with_other_vector_dimensions_fails_naming_the_property()
    {
        using (var first = NewStore())
        {
            await first.GetCollection<Guid, Hotel>("shape").EnsureCollectionExistsAsync();
        }

        using var second = NewStore();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties = [new VectorStoreKeyProperty("Id", typeof(Guid)), new VectorStoreVectorProperty("Embedding", typeof(ReadOnlyMemory<float>?), 8)],
        };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            second.GetCollection<Guid, Hotel>("shape", definition).EnsureCollectionExistsAsync());
        Assert.Contains("Embedding", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_with_one_bad_vector_writes_nothing()
    {
        using var store = NewStore();
        var collection = store.GetCollection<Guid, Hotel>("atomic");
        await collection.EnsureCollectionExistsAsync();
        var good = NewHotel("Good", [1, 0, 0, 0]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => collection.UpsertAsync([good, NewHotel("Bad", [1, 0, 0])]));

        Assert.Contains("dimensions", error.Message, StringComparison.Ordinal);
        Assert.Null(await collection.GetAsync(good.Id));
    }

    [Fact]
    public async Task Upsert_into_a_collection_that_was_never_created_fails()
    {
        using var store = NewStore();

        var error = await Assert.ThrowsAsync<VectorStoreException>(() =>
            store.GetCollection<Guid, Hotel>("missing").UpsertAsync(NewHotel("X", [1, 0, 0, 0])));

        Assert.Contains("EnsureCollectionExistsAsync", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("has space")]
    [InlineData("")]
    public void An_unsafe_collection_name_is_rejected(string name)
    {
        using var store = NewStore();

        Assert.ThrowsAny<ArgumentException>(() => store.GetCollection<Guid, Hotel>(name));
    }

    [Fact]
    public async Task Hnsw_collections_find_the_nearest_records()
    {
        using var store = NewStore();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(Guid)),
                new VectorStoreDataProperty("Name", typeof(string)),
                new VectorStoreVectorProperty("Embedding", typeof(ReadOnlyMemory<float>?), 4) { IndexKind = IndexKind.Hnsw },
            ],
        };
        var collection = store.GetCollection<Guid, Hotel>("graph", definition);
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Enumerable.Range(0, 200).Select(i => NewHotel($"G{i}", [1, i, i % 7, 1])));

        var results = await ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>([1, 100, 2, 1]), 1));

        Assert.Equal("G100", results[0].Record.Name);
    }

    [Fact]
    public async Task Dynamic_collections_store_dictionaries()
    {
        using var store = NewStore();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(string)),
                new VectorStoreDataProperty("Title", typeof(string)),
                new VectorStoreVectorProperty("Vector", typeof(ReadOnlyMemory<float>), 2),
            ],
        };
        var collection = store.GetDynamicCollection("dynamic", definition);
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync(new Dictionary<string, object?> { ["Id"] = "a", ["Title"] = "first", ["Vector"] = new ReadOnlyMemory<float>([1, 0]) });
        var results = await ToListAsync(collection.SearchAsync(new ReadOnlyMemory<float>([1, 0]), 1));

        Assert.Equal("first", results[0].Record["Title"]);
    }

    [Fact]
    public void An_unsupported_distance_function_is_rejected_when_the_collection_is_described()
    {
        using var store = NewStore();
        var definition = new VectorStoreCollectionDefinition
        {
            Properties =
            [
                new VectorStoreKeyProperty("Id", typeof(Guid)),
                new VectorStoreVectorProperty("Embedding", typeof(ReadOnlyMemory<float>?), 4) { DistanceFunction = DistanceFunction.HammingDistance },
            ],
        };

        var error = Assert.Throws<NotSupportedException>(() => store.GetCollection<Guid, Hotel>("hamming", definition));
        Assert.Contains(DistanceFunction.HammingDistance, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_store_on_the_same_folder_shares_the_open_collection()
    {
        var first = NewStore();
        using var second = NewStore();
        var written = NewHotel("Written by the first", [1, 0, 0, 0]);
        var fromFirst = first.GetCollection<Guid, Hotel>("shared");
        await fromFirst.EnsureCollectionExistsAsync();
        await fromFirst.UpsertAsync(written);

        var fromSecond = second.GetCollection<Guid, Hotel>("shared");
        var read = await fromSecond.GetAsync(written.Id);
        await fromSecond.UpsertAsync(NewHotel("Written by the second", [0, 1, 0, 0]));
        var seenByFirst = await ToListAsync(fromFirst.GetAsync(h => true, 10));
        first.Dispose();
        var afterFirstClosed = await ToListAsync(fromSecond.GetAsync(h => true, 10));

        Assert.Equal("Written by the first", read!.Name);
        Assert.Equal(2, seenByFirst.Count);
        Assert.Equal(2, afterFirstClosed.Count);
    }

    [Fact]
    public async Task A_collection_deleted_through_one_store_is_gone_for_the_other()
    {
        using var first = NewStore();
        using var second = NewStore();
        var hotel = NewHotel("Doomed", [1, 0, 0, 0]);
        await first.GetCollection<Guid, Hotel>("doomed").EnsureCollectionExistsAsync();
        await first.GetCollection<Guid, Hotel>("doomed").UpsertAsync(hotel);
        var other = second.GetCollection<Guid, Hotel>("doomed");
        Assert.NotNull(await other.GetAsync(hotel.Id));

        await first.EnsureCollectionDeletedAsync("doomed");

        Assert.False(await other.CollectionExistsAsync());
        Assert.Null(await other.GetAsync(hotel.Id));
    }

    private EmbeddedVectorStore NewStore() => new(new EmbeddedVectorStoreOptions { Path = _folder.FullName });

    private static Hotel NewHotel(string name, float[] vector) => new() { Id = Guid.NewGuid(), Name = name, Embedding = vector };

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
