using AiPlatform.Sdk.Testing;

namespace AiPlatform.ReferenceHost.Tests.Data;

/// <summary>One reference host for the data endpoint tests, anonymous access allowed, embedded object store and event bus.</summary>
public sealed class DataHostFixture : IAsyncLifetime
{
    public ReferenceHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?> { ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true" });

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
