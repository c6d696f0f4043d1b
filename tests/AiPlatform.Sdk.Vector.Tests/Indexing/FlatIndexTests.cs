using AiPlatform.Sdk.Vector.Indexing;

namespace AiPlatform.Sdk.Vector.Tests.Indexing;

public sealed class FlatIndexTests
{
    private const int Dimension = 24;
    private static readonly float[] Vectors = TestData.Clustered(600, Dimension);
    private static readonly float[] Queries = TestData.Clustered(12, Dimension, seed: 7);

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.DotProduct)]
    [InlineData(DistanceMetric.Euclidean)]
    public void Search_returns_the_exact_nearest_first(DistanceMetric metric)
    {
        using var index = TestData.Build(new FlatVectorIndex(Dimension, metric), Vectors);

        for (var q = 0; q < 12; q++)
        {
            var query = TestData.Row(Queries, Dimension, q);
            var expected = TestData.Nearest(Vectors, Dimension, query, 10, metric);
            var matches = index.Search(query, 10);

            Assert.Equal(expected, matches.Select(m => m.Id));
            Assert.True(matches.Zip(matches.Skip(1)).All(p => p.First.Distance <= p.Second.Distance));
        }
    }

    [Fact]
    public void Filtered_search_returns_k_matching_records()
    {
        using var index = TestData.Build(new FlatVectorIndex(Dimension), Vectors);
        static bool Filter(long id) => id % 50 == 3;

        var matches = index.Search(TestData.Row(Queries, Dimension, 0), 5, new IndexSearchOptions { Filter = Filter });

        Assert.Equal(5, matches.Count);
        Assert.All(matches, m => Assert.True(Filter(m.Id)));
        Assert.Equal(TestData.Nearest(Vectors, Dimension, TestData.Row(Queries, Dimension, 0), 5, DistanceMetric.Cosine, Filter), matches.Select(m => m.Id));
    }

    [Fact]
    public void Parallel_scan_returns_the_same_results_as_a_sequential_one()
    {
        var vectors = TestData.Clustered(2500, Dimension, seed: 3);
        using var index = TestData.Build(new FlatVectorIndex(Dimension, DistanceMetric.Euclidean), vectors);
        var query = TestData.Row(Queries, Dimension, 1);

        var sequential = index.Search(query, 10);
        var parallel = index.Search(query, 10, new IndexSearchOptions { Parallel = true });

        Assert.Equal(sequential.Select(m => m.Id), parallel.Select(m => m.Id));
    }

    [Theory]
    [InlineData(DistanceMetric.Cosine)]
    [InlineData(DistanceMetric.DotProduct)]
    [InlineData(DistanceMetric.Euclidean)]
    public void Batch_search_returns_what_single_searches_return(DistanceMetric metric)
    {
        using var index = TestData.Build(new FlatVectorIndex(Dimension, metric), Vectors);

        var batch = index.SearchBatch(Queries, 7);

        for (var q = 0; q < 12; q++)
        {
            Assert.Equal(TestData.Nearest(Vectors, Dimension, TestData.Row(Queries, Dimension, q), 7, metric), batch[q].Select(m => m.Id));
        }
    }

    [Fact]
    public void Deleted_records_are_not_returned_and_compaction_drops_their_slots()
    {
        using var index = TestData.Build(new FlatVectorIndex(Dimension), Vectors);
        var query = TestData.Row(Queries, Dimension, 2);
        var nearest = index.Search(query, 3)[0].Id;

        Assert.True(index.Delete(nearest));
        Assert.DoesNotContain(nearest, index.Search(query, 10).Select(m => m.Id));
        Assert.Equal(1, index.TombstoneCount);

        index.Compact();

        Assert.Equal(0, index.TombstoneCount);
        Assert.Equal(599, index.Count);
        Assert.Equal(TestData.Nearest(Vectors, Dimension, query, 10, DistanceMetric.Cosine, id => id != nearest), index.Search(query, 10).Select(m => m.Id));
    }

    [Fact]
    public void Upsert_of_an_existing_id_replaces_its_vector()
    {
        using var index = TestData.Build(new FlatVectorIndex(Dimension, DistanceMetric.Euclidean), Vectors);
        var query = TestData.Row(Queries, Dimension, 4);

        index.Upsert(5, query);

        Assert.Equal(600, index.Count);
        Assert.Equal(query.ToArray(), index.GetVector(5));
        Assert.Equal(new VectorMatch(5, 0f), index.Search(query, 1)[0]);
    }
}
