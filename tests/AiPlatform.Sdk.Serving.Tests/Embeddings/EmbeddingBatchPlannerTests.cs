using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

public sealed class EmbeddingBatchPlannerTests
{
    [Fact]
    public void Batches_hold_texts_sorted_by_length_and_at_most_the_batch_size()
    {
        int[] lengths = [9, 3, 7, 5, 3, 12, 4];

        var batches = EmbeddingBatchPlanner.Plan(lengths, batchSize: 3, maxBatchTokens: 1000);

        Assert.Equal([[1, 4, 6], [3, 2, 0], [5]], batches);
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
