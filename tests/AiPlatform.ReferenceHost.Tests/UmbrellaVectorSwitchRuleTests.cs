using AiPlatform.Sdk.Vector.VectorData;
using AiPlatform.Sdk.Vector.Weaviate;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.ReferenceHost.Tests;

/// <summary>
/// The switch rule for the vector store, which the umbrella's <c>AddAiPlatform</c> applies: the store is Weaviate when
/// <c>Vector:Weaviate:Endpoint</c> is set, and only then.
/// </summary>
public sealed class UmbrellaVectorSwitchRuleTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aip-vector-switch-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Weaviate_tuning_keys_keep_the_embedded_store()
    {
        await using var provider = Build(new() { ["AiPlatform:Vector:Weaviate:HybridAlpha"] = "0.7", ["AiPlatform:Vector:Weaviate:Tenant"] = "t1" });

        Assert.IsType<EmbeddedVectorStore>(provider.GetRequiredService<VectorStore>());
    }

    [Fact]
    public async Task Setting_the_weaviate_endpoint_switches_the_store_to_weaviate()
    {
        await using var provider = Build(new() { ["AiPlatform:Vector:Weaviate:HybridAlpha"] = "0.7", ["AiPlatform:Vector:Weaviate:Endpoint"] = "http://127.0.0.1:9/" });

        Assert.IsType<WeaviateVectorStore>(provider.GetRequiredService<VectorStore>());
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["AiPlatform:DataPath"] = _folder.FullName;
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
