using AiPlatform.Sdk.Vector.Weaviate;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.Weaviate;

/// <summary>Builds the Weaviate store the way an application does: configuration plus <c>AddWeaviateVectorStore()</c>.</summary>
internal static class WeaviateStoreFactory
{
    public static (ServiceProvider Services, VectorStore Store) Create(
        FakeWeaviate server, IEmbeddingGenerator? generator = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AiPlatform:Vector:Weaviate:Endpoint"] = server.Rest.BaseAddress.ToString(),
            ["AiPlatform:Vector:Weaviate:GrpcEndpoint"] = server.Grpc.BaseAddress.ToString(),
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (generator is IEmbeddingGenerator<string, Embedding<float>> text)
        {
            services.AddSingleton(text);
        }

        services.AddAiPlatformCore(configuration).AddWeaviateVectorStore();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var store = provider.GetRequiredService<VectorStore>();
        Assert.IsType<WeaviateVectorStore>(store);
        return (provider, store);
    }
}
