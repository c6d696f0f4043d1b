using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing.VectorStoreConformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.VectorData;

/// <summary><c>AiPlatform:Vector</c> reaches the collections of the embedded store that <c>AddVectorStore()</c> registers.</summary>
public sealed class VectorSettingsReachTheStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aip-vector-settings-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task A_collection_is_created_with_the_configured_kind_metric_and_hnsw_parameters()
    {
        var schema = await CreateNotesAsync(new()
        {
            ["AiPlatform:Vector:Kind"] = "Hnsw",
            ["AiPlatform:Vector:Metric"] = "DotProduct",
            ["AiPlatform:Vector:M"] = "8",
            ["AiPlatform:Vector:EfConstruction"] = "40",
            ["AiPlatform:Vector:EfSearch"] = "20",
            ["AiPlatform:Vector:Quantize"] = "true",
        });

        Assert.Equal("Hnsw", schema["indexKind"]!.GetValue<string>());
        Assert.Equal(DistanceFunction.DotProductSimilarity, schema["distanceFunction"]!.GetValue<string>());
        Assert.Equal(8, schema["m"]!.GetValue<int>());
        Assert.Equal(40, schema["efConstruction"]!.GetValue<int>());
        Assert.Equal(20, schema["efSearch"]!.GetValue<int>());
        Assert.True(schema["quantize"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Without_settings_a_collection_gets_the_documented_defaults()
    {
        var schema = await CreateNotesAsync([]);

        Assert.Equal("Hnsw", schema["indexKind"]!.GetValue<string>());
        Assert.Equal(DistanceFunction.CosineSimilarity, schema["distanceFunction"]!.GetValue<string>());
        Assert.Equal(16, schema["m"]!.GetValue<int>());
        Assert.False(schema["quantize"]!.GetValue<bool>());
    }

    private async Task<JsonNode> CreateNotesAsync(Dictionary<string, string?> settings)
    {
        settings["AiPlatform:DataPath"] = _folder.FullName;
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());
        services.AddAiPlatformCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).AddVectorStore();
        await using (var provider = services.BuildServiceProvider())
        {
            var notes = provider.GetRequiredService<VectorStore>().GetCollection<Guid, Note>("notes");
            await notes.EnsureCollectionExistsAsync();
            await notes.UpsertAsync(new Note { Id = Guid.NewGuid(), Text = "settings reach the store" });
            var found = await notes.SearchAsync("settings", 1).ToListAsync();
            Assert.Single(found);
        }

        var file = Path.Combine(_folder.FullName, "vector", "collections", "notes", "collection.json");
        return JsonNode.Parse(await File.ReadAllTextAsync(file))!["vectors"]![0]!;
    }
}
