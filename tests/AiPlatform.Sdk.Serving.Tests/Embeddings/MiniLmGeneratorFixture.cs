using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

/// <summary>One generator over all-MiniLM-L6-v2, shared by the tests of a collection.</summary>
public sealed class MiniLmGeneratorFixture : IAsyncLifetime
{
    public OnnxEmbeddingGenerator Generator { get; private set; } = null!;

    public string ModelFolder { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        ModelFolder = await MiniLm.FolderAsync();
        Generator = OnnxEmbeddingGenerator.Create(new OnnxEmbeddingSettings { ModelPath = ModelFolder });
    }

    public Task DisposeAsync()
    {
        Generator.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmGeneratorFixture>
{
    public const string Name = "all-MiniLM-L6-v2";
}
