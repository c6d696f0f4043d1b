using AiPlatform.Sdk.Vector.Indexing;

namespace AiPlatform.Sdk.Vector.Tests.Indexing;

public sealed class InputValidationTests
{
    public static TheoryData<string> Kinds() => ["flat", "hnsw"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_vector_of_the_wrong_dimension_is_rejected(string kind)
    {
        using var index = Create(kind);

        var error = Assert.Throws<ArgumentException>(() => index.Upsert(1, [1f, 2f]));

        Assert.Contains("has 2 dimensions but the index expects 4", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.Count);
    }

    [Theory]
    [InlineData("flat", float.NaN)]
    [InlineData("hnsw", float.PositiveInfinity)]
    [InlineData("hnsw", float.NegativeInfinity)]
    public void A_vector_with_NaN_or_infinity_is_rejected(string kind, float value)
    {
        using var index = Create(kind);

        var error = Assert.Throws<ArgumentException>(() => index.Upsert(1, [1f, value, 0f, 0f]));

        Assert.Contains("at position 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.Count);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_zero_vector_is_rejected_under_cosine(string kind)
    {
        using var index = Create(kind);

        var error = Assert.Throws<ArgumentException>(() => index.Upsert(1, new float[4]));

        Assert.Contains("all zeros", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_vector_is_accepted_under_euclidean_distance()
    {
        using var index = new HnswVectorIndex(4, DistanceMetric.Euclidean);

        index.Upsert(1, new float[4]);

        Assert.Equal(1, index.Count);
    }

    [Theory]
    [InlineData("flat", 0)]
    [InlineData("hnsw", -3)]
    public void A_non_positive_k_is_rejected(string kind, int k)
    {
        using var index = Create(kind);
        index.Upsert(1, [1f, 0f, 0f, 0f]);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => index.Search([1f, 0f, 0f, 0f], k));

        Assert.Contains("must be positive", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_invalid_query_is_rejected(string kind)
    {
        using var index = Create(kind);

        var error = Assert.Throws<ArgumentException>(() => index.Search([float.NaN, 0f, 0f, 0f], 3));

        Assert.Equal("query", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void An_unknown_key_is_rejected(string kind)
    {
        using var index = Create(kind);

        var error = Assert.Throws<ArgumentException>(() => index.GetVector(42));

        Assert.Contains("no record with id 42", error.Message, StringComparison.Ordinal);
        Assert.False(index.Delete(42));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_batch_with_one_bad_vector_inserts_nothing(string kind)
    {
        using var index = Create(kind);
        float[] vectors = [1f, 0f, 0f, 0f, 0f, 1f, 0f, 0f, 0f, 0f, float.NaN, 0f];

        var error = Assert.Throws<ArgumentException>(() => index.UpsertBatch([1, 2, 3], vectors));

        Assert.Contains("Vector 2 (id 3)", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, index.Count);
        Assert.Empty(index.Search([1f, 0f, 0f, 0f], 3));
    }

    private static VectorIndex Create(string kind) => kind == "flat" ? new FlatVectorIndex(4) : new HnswVectorIndex(4);
}
