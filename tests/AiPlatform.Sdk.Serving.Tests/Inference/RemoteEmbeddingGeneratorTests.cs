using System.Globalization;
using System.Numerics.Tensors;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Serving.Tests.Embeddings;
using AiPlatform.Sdk.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

/// <summary>
/// The remote embedding generator against a protocol server that runs all-MiniLM-L6-v2 (a small REST server over the same ONNX
/// file), compared with the in-process generator on the same texts.
/// </summary>
[Collection(MiniLmCollection.Name)]
public sealed class RemoteEmbeddingGeneratorTests(MiniLmGeneratorFixture local)
{
    private static readonly string[] Texts = ["The cat sits on the mat.", "Inference servers speak the Open Inference Protocol.", "short"];

    [Fact]
    public async Task Vectors_match_the_in_process_generator_when_the_model_moves_to_a_server()
    {
        using var model = OnnxModel.Load(Path.Combine(local.ModelFolder, "model.onnx"));
        var output = model.Outputs.Keys.First();
        await using var server = await MiniLmInferenceServer.StartAsync(model);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:Embeddings:Endpoint"] = server.BaseAddress.ToString(),
            ["AiPlatform:Serving:Embeddings:Protocol"] = "Rest",
            ["AiPlatform:Serving:Embeddings:Model"] = "minilm",
            ["AiPlatform:Serving:Embeddings:VocabularyPath"] = local.ModelFolder,
            ["AiPlatform:Serving:Embeddings:OutputName"] = output,
            ["AiPlatform:Serving:Embeddings:BatchSize"] = "2",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiPlatformCore(configuration).AddServing();
        await using var provider = services.BuildServiceProvider();
        var remote = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var remoteVectors = await remote.GenerateAsync(Texts);
        var localVectors = await local.Generator.GenerateAsync(Texts);

        Assert.Equal(Texts.Length, remoteVectors.Count);
        for (var i = 0; i < Texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(remoteVectors[i].Vector.Span, localVectors[i].Vector.Span) >= 0.9999f, $"text {i}");
        }

        Assert.Equal(RemoteEmbeddingGenerator.ProviderName, remote.GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
    }
}
