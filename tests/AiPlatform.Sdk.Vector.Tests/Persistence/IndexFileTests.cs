using AiPlatform.Sdk.Vector.Indexing;
using AiPlatform.Sdk.Vector.Persistence;
using AiPlatform.Sdk.Vector.Tests.Indexing;

namespace AiPlatform.Sdk.Vector.Tests.Persistence;

public sealed class IndexFileTests : IDisposable
{
    private const int Dimension = 20;
    private static readonly float[] Vectors = TestData.Clustered(700, Dimension, seed: 4);
    private static readonly float[] Queries = TestData.Clustered(10, Dimension, seed: 8);
    private readonly string _folder = Directory.CreateTempSubdirectory("aip-vector-").FullName;

    public static TheoryData<string, bool> Cases() => new()
    {
        { "flat", false }, { "flat", true }, { "hnsw", false }, { "hnsw", true }, { "hnsw-int8", false }, { "hnsw-int8", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_saved_index_loads_with_the_same_records_and_results(string kind, bool memoryMapped)
    {
        using var original = Create(kind);
        original.Delete(3);
        var path = Path.Combine(_folder, "index.aipv");

        VectorIndexFile.Save(original, path);
        using var loaded = VectorIndexFile.Load(path, memoryMapped);

        Assert.Equal(original.GetType(), loaded.GetType());
        Assert.Equal(original.Count, loaded.Count);
        Assert.Equal(original.TombstoneCount, loaded.TombstoneCount);
        Assert.Equal(original.GetVector(10), loaded.GetVector(10));
        Assert.Equal((original as HnswVectorIndex)?.IsQuantized, (loaded as HnswVectorIndex)?.IsQuantized);
        for (var q = 0; q < 10; q++)
        {
            var query = TestData.Row(Queries, Dimension, q);
            Assert.Equal(original.Search(query, 10), loaded.Search(query, 10));
        }
    }

    [Fact]
    public void A_memory_mapped_index_accepts_new_records()
    {
        var path = Path.Combine(_folder, "index.aipv");
        using (var original = Create("hnsw"))
        {
            VectorIndexFile.Save(original, path);
        }

        using var loaded = VectorIndexFile.Load(path, memoryMapped: true);
        loaded.Upsert(5000, TestData.Row(Queries, Dimension, 0));

        Assert.Equal(5000, loaded.Search(TestData.Row(Queries, Dimension, 0), 1)[0].Id);
        Assert.Equal(701, loaded.Count);
    }

    [Fact]
    public void Saving_leaves_no_temporary_file_behind()
    {
        using var index = Create("flat");

        VectorIndexFile.Save(index, Path.Combine(_folder, "index.aipv"));

        Assert.Equal(["index.aipv"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static VectorIndex Create(string kind)
    {
        VectorIndex index = kind == "flat"
            ? new FlatVectorIndex(Dimension, DistanceMetric.Euclidean)
            : new HnswVectorIndex(Dimension, DistanceMetric.Cosine, new HnswParameters { M = 8, EfConstruction = 32, Seed = 3 });
        TestData.Build(index, Vectors);
        if (kind == "hnsw-int8")
        {
            ((HnswVectorIndex)index).Quantize();
        }

        return index;
    }
}
