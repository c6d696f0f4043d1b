using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

public sealed class EmbeddingBatchPlannerTests
{
    [Fact]
    public void Batches_hold_texts_sorted_by_length_spread_evenly_within_the_batch_size()
    {
        int[] lengths = [9, 3, 7, 5, 3, 12, 4];

        var batches = EmbeddingBatchPlanner.Plan(lengths, batchSize: 3, maxBatchTokens: 1000);

        // By length (ties keep their order): 1 (3), 4 (3), 6 (4), 3 (5), 2 (7), 0 (9), 5 (12). Seven texts need at least
        // ceil(7 / 3) = 3 batches; spread evenly that is 3, 2 and 2 texts, the first batch taking the remainder.
        Assert.Equal([[1, 4, 6], [3, 2], [0, 5]], batches);
    }

    // Expected counts: the fewest batches, ceil(texts / batchSize), rounded up to a multiple of the parallelism, but never more
    // batches than texts: 200 / 16 -> 13 -> 14; 1200 / 16 -> 75 -> 76; 5 / 16 -> 1 -> 4; 3 / 16 -> 1 -> 8, capped at 3 texts.
    [Theory]
    [InlineData(200, 16, 2, 14)]
    [InlineData(1200, 16, 2, 76)]
    [InlineData(5, 16, 4, 4)]
    [InlineData(3, 16, 8, 3)]
    public void The_batch_count_is_a_multiple_of_the_parallelism_where_there_are_texts_enough(int texts, int batchSize, int parallelism, int expectedBatches)
    {
        var batches = EmbeddingBatchPlanner.Plan([.. Enumerable.Repeat(20, texts)], batchSize, maxBatchTokens: 8192, parallelism);

        Assert.Equal(expectedBatches, batches.Count);
        Assert.All(batches, b => Assert.InRange(b.Length, (texts / expectedBatches), batchSize));
        Assert.Equal(Enumerable.Range(0, texts), batches.SelectMany(b => b).Order());
    }

    [Fact]
    public void Padded_tokens_of_a_batch_stay_within_the_token_bound()
    {
        int[] lengths = [10, 10, 10, 40, 40, 100];

        var batches = EmbeddingBatchPlanner.Plan(lengths, batchSize: 64, maxBatchTokens: 80);

        Assert.All(batches, b => Assert.True(b.Length == 1 || b.Length * b.Max(i => lengths[i]) <= 80));
        Assert.Equal(lengths.Length, batches.Sum(b => b.Length));
    }

    [Fact]
    public void A_text_longer_than_the_token_bound_runs_alone()
    {
        var batches = EmbeddingBatchPlanner.Plan([5, 500], batchSize: 16, maxBatchTokens: 64);

        Assert.Equal([[0], [1]], batches);
    }
}
