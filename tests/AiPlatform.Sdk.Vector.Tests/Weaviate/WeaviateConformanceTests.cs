using System.Collections.Concurrent;
using AiPlatform.Sdk.Testing.VectorStoreConformance;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.Tests.Weaviate;

[Trait("Kind", "Contract")]
public sealed class WeaviateConformanceTests(FakeWeaviate server) : VectorStoreConformanceTests, IClassFixture<FakeWeaviate>, IDisposable
{
    private readonly ConcurrentBag<ServiceProvider> _providers = [];

    protected override bool SupportsNonGuidKeys => false;

    protected override VectorStore CreateStore(IEmbeddingGenerator? generator = null)
    {
        var (services, store) = WeaviateStoreFactory.Create(server, generator);
        _providers.Add(services);
        return store;
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
