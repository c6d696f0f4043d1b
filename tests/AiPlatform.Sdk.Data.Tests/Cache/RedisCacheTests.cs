using AiPlatform.Sdk.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiPlatform.Sdk.Data.Tests.Cache;

/// <summary>The cache on a real Redis server.</summary>
[Trait("Kind", "Live")]
public sealed class RedisCacheTests : IDisposable
{
    private readonly IHost _host = TestHost.Build(new Dictionary<string, string?>
    {
        ["AiPlatform:Data:Redis:ConnectionString"] = ServiceEndpoints.Redis,
        ["AiPlatform:Data:Redis:InstanceName"] = $"test-{Guid.NewGuid():N}:",
    });

    private IDistributedCache Cache => _host.Services.GetRequiredService<IDistributedCache>();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Set_get_and_remove_round_trip_through_redis()
    {
        await Cache.SetStringAsync("greeting", "hello");
        var read = await Cache.GetStringAsync("greeting");
        await Cache.RemoveAsync("greeting");

        Assert.Equal("hello", read);
        Assert.Null(await Cache.GetStringAsync("greeting"));
    }

    [Fact]
    public async Task Entries_expire()
    {
        await Cache.SetStringAsync("short", "lived", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(1) });
        var before = await Cache.GetStringAsync("short");

        string? after = before;
        for (var i = 0; i < 100 && after is not null; i++)
        {
            await Task.Delay(100);
            after = await Cache.GetStringAsync("short");
        }

        Assert.Equal("lived", before);
        Assert.Null(after);
    }

    [Fact]
    public async Task Hybrid_cache_runs_the_factory_once_per_key()
    {
        var hybrid = _host.Services.GetRequiredService<HybridCache>();
        var calls = 0;

        var first = await hybrid.GetOrCreateAsync("answer", _ => { calls++; return ValueTask.FromResult(42); });
        var second = await hybrid.GetOrCreateAsync("answer", _ => { calls++; return ValueTask.FromResult(0); });

        Assert.Equal(42, first);
        Assert.Equal(42, second);
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Embedding_generator_use_distributed_cache_works_over_redis()
    {
        var inner = new CountingGenerator();
        using var generator = new EmbeddingGeneratorBuilder<string, Embedding<float>>(inner).UseDistributedCache(Cache).Build();

        var first = await generator.GenerateAsync(["cached text"]);
        var second = await generator.GenerateAsync(["cached text"]);

        Assert.Equal(1, inner.Calls);
        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
    }

    [Fact]
    public async Task Unreachable_redis_fails_naming_the_service_and_endpoint()
    {
        using var host = TestHost.Build(new Dictionary<string, string?> { ["AiPlatform:Data:Redis:ConnectionString"] = "127.0.0.1:9,connectTimeout=500,asyncTimeout=500" });
        var cache = host.Services.GetRequiredService<IDistributedCache>();

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => cache.GetAsync("x"));

        Assert.Equal("cache", error.Service);
        Assert.Contains("127.0.0.1:9", error.Message, StringComparison.Ordinal);
    }

    private sealed class CountingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public int Calls { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
            IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(new[] { v.Length, 1f, 2f }))));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
