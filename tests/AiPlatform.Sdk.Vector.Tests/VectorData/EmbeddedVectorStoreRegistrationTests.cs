using AiPlatform.Sdk.Testing.VectorStoreConformance;
using AiPlatform.Sdk.Vector.VectorData;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.VectorData;

public sealed class EmbeddedVectorStoreRegistrationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aip-vectorstore-registration-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task AddEmbeddedVectorStore_registers_the_store_in_its_folder_with_the_registered_generator()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new HashingEmbeddingGenerator());
        services.AddEmbeddedVectorStore(o => o.Path = _folder.FullName);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<VectorStore>();
        var notes = store.GetCollection<Guid, Note>("notes");
        await notes.EnsureCollectionExistsAsync();
        await notes.UpsertAsync(new Note { Id = Guid.NewGuid(), Text = "registered without the platform builder" });

        Assert.Same(provider.GetRequiredService<EmbeddedVectorStore>(), store);
        Assert.True(File.Exists(Path.Combine(_folder.FullName, "notes", "records.log")));
    }

    [Fact]
    public async Task A_registered_collection_is_the_named_collection_of_the_store()
    {
        var services = new ServiceCollection();
        services.AddEmbeddedVectorStore().AddEmbeddedVectorStoreCollection<Guid, Hotel>("hotels");
        await using var provider = services.BuildServiceProvider();

        var collection = provider.GetRequiredService<VectorStoreCollection<Guid, Hotel>>();
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(new Hotel { Id = Guid.NewGuid(), Name = "Registered", Embedding = new float[] { 1, 0, 0, 0 } });

        Assert.Equal("hotels", collection.Name);
        Assert.Same(collection, provider.GetRequiredService<IVectorSearchable<Hotel>>());
        Assert.Equal(["hotels"], await ToListAsync(provider.GetRequiredService<VectorStore>().ListCollectionNamesAsync()));
    }

    [Fact]
    public async Task Keyed_stores_and_collections_are_independent()
    {
        var services = new ServiceCollection();
        services.AddKeyedEmbeddedVectorStore("a").AddKeyedEmbeddedVectorStore("b");
        services.AddKeyedEmbeddedVectorStoreCollection<Guid, Hotel>("a", "hotels").AddKeyedEmbeddedVectorStoreCollection<Guid, Hotel>("b", "hotels");
        await using var provider = services.BuildServiceProvider();
        var inA = provider.GetRequiredKeyedService<VectorStoreCollection<Guid, Hotel>>("a");
        var inB = provider.GetRequiredKeyedService<VectorStoreCollection<Guid, Hotel>>("b");
        await inA.EnsureCollectionExistsAsync();
        var hotel = new Hotel { Id = Guid.NewGuid(), Name = "Only in a", Embedding = new float[] { 1, 0, 0, 0 } };

        await inA.UpsertAsync(hotel);

        Assert.NotSame(provider.GetRequiredKeyedService<VectorStore>("a"), provider.GetRequiredKeyedService<VectorStore>("b"));
        Assert.NotNull(await inA.GetAsync(hotel.Id));
        Assert.False(await inB.CollectionExistsAsync());
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
