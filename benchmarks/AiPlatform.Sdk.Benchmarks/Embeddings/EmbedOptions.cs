using System.Globalization;

namespace AiPlatform.Sdk.Benchmarks.Embeddings;

internal sealed record EmbedOptions(string Corpus, string Json, string? Reference, int Limit, int SpeedLimit, int[] Batches, int[] Threads, int SliceSize)
{
    public static EmbedOptions? Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        if (!values.TryGetValue("--corpus", out var corpus) || !values.TryGetValue("--json", out var json))
        {
            return null;
        }

        return new EmbedOptions(
            corpus,
            json,
            values.GetValueOrDefault("--reference"),
            values.TryGetValue("--limit", out var limit) ? int.Parse(limit, CultureInfo.InvariantCulture) : int.MaxValue,
            values.TryGetValue("--speed-limit", out var speedLimit) ? int.Parse(speedLimit, CultureInfo.InvariantCulture) : 1200,
            Ints(values.GetValueOrDefault("--batches", "1,16,64")),
            Ints(values.GetValueOrDefault("--threads", "1,2")),
            values.TryGetValue("--slice", out var slice) ? int.Parse(slice, CultureInfo.InvariantCulture) : 200);
    }

    private static int[] Ints(string list) => [.. list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
}
