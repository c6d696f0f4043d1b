using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.TorchServe;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Serving.Tests;

/// <summary>The switch rule in the Serving layer: a remote client exists when its <c>Endpoint</c> is set, and only then.</summary>
public sealed class ServingSwitchRuleTests
{
    private static readonly Dictionary<string, string?> TuningOnly = new()
    {
        ["AiPlatform:Serving:Inference:Protocol"] = "Rest",
        ["AiPlatform:Serving:Inference:DefaultModel"] = "resnet",
        ["AiPlatform:Serving:TorchServe:InferenceKey"] = "switch-rule",
        ["AiPlatform:Serving:Embeddings:IntraOpThreads"] = "1",
        ["AiPlatform:Serving:Embeddings:BatchSize"] = "4",
    };

    [Fact]
    public async Task Tuning_keys_switch_no_part_on()
    {
        await using var provider = Build(TuningOnly);

        Assert.Null(provider.GetService<IInferenceClient>());
        Assert.Null(provider.GetService<ITorchServeClient>());
        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task Setting_each_endpoint_switches_its_part_on()
    {
        var vocabulary = Path.Combine(Directory.CreateTempSubdirectory("aip-switch-").FullName, "vocab.txt");
        await File.WriteAllLinesAsync(vocabulary, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "switch", "rule"]);
        await using var provider = Build(new Dictionary<string, string?>(TuningOnly)
        {
            ["AiPlatform:Serving:Inference:Endpoint"] = "http://127.0.0.1:9/",
            ["AiPlatform:Serving:TorchServe:Endpoint"] = "http://127.0.0.1:9/",
            ["AiPlatform:Serving:Embeddings:Endpoint"] = "http://127.0.0.1:9/",
            ["AiPlatform:Serving:Embeddings:Model"] = "minilm",
            ["AiPlatform:Serving:Embeddings:VocabularyPath"] = vocabulary,
        });

        Assert.NotNull(provider.GetService<IInferenceClient>());
        Assert.NotNull(provider.GetService<ITorchServeClient>());
        Assert.Equal(RemoteEmbeddingGenerator.ProviderName,
            provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GetService<EmbeddingGeneratorMetadata>()?.ProviderName);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).AddOnnxServing();
        return services.BuildServiceProvider();
    }
}
