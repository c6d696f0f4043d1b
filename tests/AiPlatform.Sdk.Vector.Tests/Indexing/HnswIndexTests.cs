using AiPlatform.Sdk.Vector.Indexing;

namespace AiPlatform.Sdk.Vector.Tests.Indexing;

public sealed class HnswIndexTests
{
    private const int Dimension = 32;
    private static readonly float[] Vectors = TestData.Clustered(2000, Dimension);
    private static readonly float[] Queries = TestData.Clustered(40, Dimension, seed: 9);
    private static readonly HnswParameters Parameters = new() { M = 12, EfConstruction = 64, EfSearch = 64, Seed = 5 };

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.DotProduct)]
    [InlineData(DistanceMetric.Euclidean)]
    public void Recall_at_10_is_at_least_0_95(DistanceMetric metric)
    {
        using var index = TestData.Build(new HnswVectorIndex(Dimension, metric, Parameters), Vectors);

        var recall = TestData.Recall(index, Vectors, Queries, 10);

        Assert.True(recall >= 0.95, $"recall@10 was {recall:F3}");
    }

    [Fact]
    public void The_same_seed_and_insert_order_build_the_same_graph()
    {
        using var first = TestData.Build(new HnswVectorIndex(Dimension, DistanceMetric.Cosine, Parameters), Vectors);
        using var second = TestData.Build(new HnswVectorIndex(Dimension, DistanceMetric.Cosine, Parameters), Vectors);

        for (var q = 0; q < 10; q++)
        {
            var query = TestData.Row(Queries, Dimension, q);
            Assert.Equal(first.Search(query, 10, new IndexSearchOptions { Ef = 10 }), second.Search(query, 10, new IndexSearchOptions { Ef = 10 }));
        }
    }

    [Fact]
    public void Filtered_search_returns_k_results_when_the_filter_is_selective()
    {
        using var index = TestData.Build(new HnswVectorIndex(Dimension, DistanceMetric.Cosine, Parameters), Vectors);
        var options = new IndexSearchOptions { Filter = id => id % 200 == 7 };

        var matches = index.Search(TestData.Row(Queries, Dimension, 0), 10, options);

        Assert.Equal(10, matches.Count);
        Assert.All(matches, m => Assert.Equal(7, m.Id % 200));
    }

    [Fact]
    public void Filtered_search_keeps_recall()
    {
        using var index = TestData.Build(new HnswVectorIndex(Dimension, DistanceMetric.Cosine, Parameters), Vectors);

        var recall = TestData.Recall(index, Vectors, Queries, 10, new IndexSearchOptions { Filter = id => id % 3 == 0 });

        Assert.True(recall >= 0.95, $"filtered recall@10 was {recall:F3}");
    }

    [Fact]
    public void Deleted_records_are_never_returned_and_compaction_keeps_recall()
    {
        using var index = TestData.Build(new HnswVectorIndex(Dimension, DistanceMetric.Euclidean, Parameters), Vectors);
        for (long id = 0; id < 2000; id += 4)
        {
            index.Delete(id);
        }

        var live = new IndexSearchOptions { Filter = id => id % 4 != 0 };
        var before = TestData.Recall(index, Vectors, Queries, 10, live);
        Assert.All(index.Search(TestData.Row(Queries, Dimension, 3), 50), m => Assert.NotEqual(0, m.Id % 4));

        index.Compact();

        Assert.Equal(0, index.TombstoneCount);
        Assert.Equal(1500, index.Count);
        Assert.True(before >= 0.95, $"recall@10 with tombstones was {before:F3}");
        Assert.True(TestData.Recall(index, Vectors, Queries, 10, live) >= 0.95);
    }

    [Fact]
    public void Upsert_of_an_existing_id_replaces_its_vector()
    {
        using var index = TestData.Build(new HnswVectorIndex(Dimension, DistanceMetric.Euclidean, Parameters), Vectors);
        var target = TestData.Row(Queries, Dimension, 5);

        index.Upsert(17, target);

        Assert.Equal(2000, index.Count);
        Assert.Equal(1, index.TombstoneCount);
        Assert.Equal(new VectorMatch(17, 0f), index.Search(target, 1)[0]);
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.Euclidean)]
    public void Int8_search_with_float_reranking_stays_within_0_01_of_float_recall(DistanceMetric metric)
    {
        using var index = TestData.Build(new HnswVectorIndex(Dimension, metric, Parameters), Vectors);
        var options = new IndexSearchOptions { Ef = 16 };
        var exact = TestData.Recall(index, Vectors, Queries, 10, options);

        index.Quantize();
        var quantized = TestData.Recall(index, Vectors, Queries, 10, options);

        Assert.True(index.IsQuantized);
        Assert.True(quantized >= exact - 0.01, $"int8 recall {quantized:F3} vs float {exact:F3}");
    }

    [Fact]
    public void Inserts_after_quantization_are_searchable()
    {
        using var index = TestData.Build(new HnswVectorIndex(Dimension, DistanceMetric.Euclidean, Parameters), Vectors[..(100 * Dimension)]);
        index.Quantize();

        index.UpsertBatch(Enumerable.Range(100, 1900).Select(i => (long)i).ToArray(), Vectors[(100 * Dimension)..]);

        Assert.True(TestData.Recall(index, Vectors, Queries, 10) >= 0.95);
    }

    [Fact]
    public async Task Searches_run_concurrently_with_one_writer()
    {
        using var index = TestData.Build(new HnswVectorIndex(Dimension, DistanceMetric.Cosine, Parameters), Vectors[..(200 * Dimension)]);
        using var done = new CancellationTokenSource();
        var searches = 0;

        var writer = Task.Run(() =>
        {
            for (var i = 200; i < 2000; i++)
            {
                index.Upsert(i, TestData.Row(Vectors, Dimension, i));
            }

            done.Cancel();
        });
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var matches = index.Search(TestData.Row(Queries, Dimension, r), 10);
                Assert.Equal(10, matches.Count);
                Interlocked.Increment(ref searches);
            }
        })).ToArray();
        await Task.WhenAll([writer, .. readers]);

        Assert.True(searches > 0);
        Assert.Equal(2000, index.Count);
        Assert.True(TestData.Recall(index, Vectors, Queries, 10) >= 0.95);
    }

    [Fact]
    public void Search_of_an_empty_index_returns_nothing()
    {
        using var index = new HnswVectorIndex(Dimension);

        Assert.Empty(index.Search(TestData.Row(Queries, Dimension, 0), 5));
    }

    [Fact]
    public void Invalid_parameters_are_rejected_with_their_name()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new HnswVectorIndex(4, DistanceMetric.Cosine, new HnswParameters { M = 1 }));

        Assert.Equal("M", error.ParamName);
    }
}
