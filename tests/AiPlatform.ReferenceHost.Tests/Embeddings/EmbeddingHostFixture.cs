using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Embeddings;

/// <summary>One reference host with its default embedding model (all-MiniLM-L6-v2 from the bundled package), open to anonymous callers.</summary>
public sealed class EmbeddingHostFixture : IAsyncLifetime
{
    public ReferenceHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?> { ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true" });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
