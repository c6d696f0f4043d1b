namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>Orders texts by token count and cuts them into batches bounded by count and by padded tokens.</summary>
internal static class EmbeddingBatchPlanner
{
    /// <summary>Returns batches of indexes into <paramref name="lengths"/>, shortest texts first; each batch is padded to its last (longest) text.</summary>
    public static List<int[]> Plan(IReadOnlyList<int> lengths, int batchSize, int maxBatchTokens)
    {
        var order = Enumerable.Range(0, lengths.Count).OrderBy(i => lengths[i]).ToArray();
        var batches = new List<int[]>();
        var start = 0;
        for (var i = 0; i < order.Length; i++)
        {
            var count = i - start + 1;
            if (count > batchSize || (count > 1 && (long)count * lengths[order[i]] > maxBatchTokens))
            {
                batches.Add(order[start..i]);
                start = i;
            }
        }

        if (start < order.Length)
        {
            batches.Add(order[start..]);
        }

        return batches;
    }
}
