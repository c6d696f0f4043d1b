using AiPlatform.Sdk.Testing.VectorStoreConformance;
using AiPlatform.Sdk.Vector.VectorData;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.VectorData;

public sealed class AddVectorStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aip-vectorstore-di-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Without_weaviate_configuration_the_embedded_store_persists_under_the_data_path_and_uses_the_registered_generator()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AiPlatform:DataPath"] = _folder.FullName })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());
        services.AddAiPlatformCore(configuration).AddVectorStore();
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<VectorStore>();
        var notes = store.GetCollection<Guid, Note>("notes");
        await notes.EnsureCollectionExistsAsync();
        await notes.UpsertAsync(new Note { Id = Guid.NewGuid(), Text = "persisted through dependency injection" });
        var found = new List<VectorSearchResult<Note>>();
        await foreach (var result in notes.SearchAsync("dependency injection", 1))
        {
            found.Add(result);
        }

        Assert.IsType<EmbeddedVectorStore>(store);
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "vector", "collections", "notes", "records.log")));
        Assert.Equal("persisted through dependency injection", Assert.Single(found).Record.Text);
    }

    [Fact]
    public async Task A_weaviate_endpoint_does_not_switch_it_the_umbrella_chooses_the_provider()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AiPlatform:DataPath"] = _folder.FullName,
                ["AiPlatform:Vector:Weaviate:Endpoint"] = "http://127.0.0.1:9/",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddVectorStore();
        await using var provider = services.BuildServiceProvider();

        Assert.IsType<EmbeddedVectorStore>(provider.GetRequiredService<VectorStore>());
    }
}
