using System.Numerics.Tensors;
using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

/// <summary>all-MiniLM-L6-v2 rewritten by the SDK to dynamic int8 against the float model it came from.</summary>
[Collection(MiniLmCollection.Name)]
public sealed class Int8EmbeddingTests(MiniLmGeneratorFixture fixture)
{
    [Fact]
    public async Task Int8_vectors_stay_within_cosine_0_99_of_the_float_vectors_on_every_reference_case()
    {
        var texts = ReferenceCases.All.Select(c => c.Text).ToArray();
        using var int8 = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = fixture.ModelFolder, WeightQuantization = OnnxWeightQuantization.DynamicInt8 });

        var quantized = await int8.GenerateAsync(texts);
        var floats = await fixture.Generator.GenerateAsync(texts);

        Assert.Equal(OnnxWeightQuantization.DynamicInt8, int8.GetService<OnnxModel>()!.WeightQuantization);
        var cosines = new float[texts.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            cosines[i] = TensorPrimitives.CosineSimilarity(floats[i].Vector.Span, quantized[i].Vector.Span);
            Assert.True(cosines[i] >= 0.99f, $"Case {i} ({texts[i][..Math.Min(30, texts[i].Length)]}): cosine {cosines[i]}.");
            Assert.NotEqual(floats[i].Vector.ToArray(), quantized[i].Vector.ToArray());
        }

        Assert.True(cosines.Average() >= 0.995f, $"Mean cosine {cosines.Average()}.");
    }

    [Fact]
    public async Task Configuration_alone_switches_the_registered_generator_to_int8()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:Embeddings:ModelPath"] = fixture.ModelFolder,
            ["AiPlatform:Serving:Embeddings:WeightQuantization"] = "DynamicInt8",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddServing().AddOnnxEmbeddings();
        await using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embedding = (await generator.GenerateAsync(["quantized search"]))[0];

        Assert.Equal(OnnxWeightQuantization.DynamicInt8, generator.GetService<OnnxModel>()!.WeightQuantization);
        Assert.Equal(1f, TensorPrimitives.Norm(embedding.Vector.Span), 3);
    }
}
