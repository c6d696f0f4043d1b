using AiPlatform.Sdk.Testing.VectorStoreConformance;
using AiPlatform.Sdk.Vector.VectorData;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.VectorData;

public sealed class EmbeddedVectorStoreConformanceTests : VectorStoreConformanceTests, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("aip-vectordata-");

    protected override VectorStore CreateStore(IEmbeddingGenerator? generator = null) =>
        new EmbeddedVectorStore(new EmbeddedVectorStoreOptions { Path = _folder.FullName, EmbeddingGenerator = generator });

    public void Dispose() => _folder.Delete(recursive: true);
}
