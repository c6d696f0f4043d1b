namespace AiPlatform.Sdk.Benchmarks.Embeddings;

internal static class EmbedCommand
{
    public static Task<int> RunAsync(string[] args)
    {
        Console.Error.WriteLine("EmbedCommand is not written yet.");
        return Task.FromResult(2);
    }
}
