namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>Orders texts by token count and cuts them into batches bounded by count and by padded tokens.</summary>
internal static class EmbeddingBatchPlanner
{
    /// <summary>
    /// Returns batches of indexes into <paramref name="lengths"/>, shortest texts first; each batch is padded to its last (longest)
    /// text. The texts are spread evenly over the fewest batches of at most <paramref name="batchSize"/>, that number rounded up to
    /// a multiple of <paramref name="parallelism"/> so that concurrent runs finish together; a batch is cut further where it would
    /// exceed <paramref name="maxBatchTokens"/> padded tokens.
    /// </summary>
    public static List<int[]> Plan(IReadOnlyList<int> lengths, int batchSize, int maxBatchTokens, int parallelism = 1)
    {
        var order = Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).ToArray();
        var fewest = (order.Length + batchSize - 1) / batchSize;
        var count = Math.Max(1, Math.Min(order.Length, (fewest + parallelism - 1) / parallelism * parallelism));
        var batches = new List<int[]>(count);
        var start = 0;
        for (var b = 0; b < count && start < order.Length; b++)
        {
            var end = start + (order.Length / count) + (b < order.Length % count ? 1 : 0);
            while (start < end)
            {
                var next = start + 1;
                while (next < end && (long)(next - start + 1) * lengths[order[next]] <= maxBatchTokens)
                {
                    next++;
                }

                batches.Add(order[start..next]);
                start = next;
            }
        }

        return batches;
    }
}
