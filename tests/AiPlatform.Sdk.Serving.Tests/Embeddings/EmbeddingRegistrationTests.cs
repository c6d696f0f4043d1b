using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Serving.Embeddings;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

public sealed class EmbeddingRegistrationTests
{
    [Fact]
    public async Task Configured_section_registers_an_embedding_generator_with_metadata()
    {
        await using var provider = Build(new() { ["AiPlatform:Serving:Embeddings:ModelPath"] = await MiniLm.FolderAsync(), ["AiPlatform:Serving:Embeddings:BatchSize"] = "4" });

        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();
        var embeddings = await generator.GenerateAsync(["hello world"]);

        Assert.Equal(384, embeddings[0].Vector.Length);
        Assert.Equal(MiniLm.ModelId, generator.GetService<EmbeddingGeneratorMetadata>()!.DefaultModelId);
        Assert.Equal(4, provider.GetRequiredService<IOptions<OnnxEmbeddingSettings>>().Value.BatchSize);
    }

    [Fact]
    public async Task Every_model_run_records_its_texts_and_callers_on_the_serving_meter()
    {
        await using var provider = Build(new() { ["AiPlatform:Serving:Embeddings:ModelPath"] = await MiniLm.FolderAsync(), ["AiPlatform:Serving:Embeddings:BatchSize"] = "4" });
        var meter = provider.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Serving).Meter;
        var runs = new ConcurrentBag<(int Texts, object? Callers, object? Model)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter && instrument.Name == OnnxEmbeddingGenerator.BatchTextsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
            runs.Add((value, tags.ToArray().First(t => t.Key == "aiplatform.embeddings.callers").Value, tags.ToArray().First(t => t.Key == "aiplatform.model").Value)));
        listener.Start();

        await provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>().GenerateAsync(["one", "two", "three", "four", "five", "six"]);

        Assert.Equal(6, runs.Sum(r => r.Texts));
        Assert.All(runs, r => Assert.True(r.Texts <= 4));
        Assert.All(runs, r => Assert.Equal((1, MiniLm.ModelId), ((int)r.Callers!, (string)r.Model!)));
    }

    [Fact]
    public async Task Without_the_section_no_generator_is_registered()
    {
        await using var provider = Build([]);

        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task Tuning_keys_alone_register_no_embedding_generator()
    {
        await using var provider = Build(new() { ["AiPlatform:Serving:Embeddings:BatchSize"] = "8", ["AiPlatform:Serving:Embeddings:IntraOpThreads"] = "1" });

        Assert.Null(provider.GetService<IEmbeddingGenerator<string, Embedding<float>>>());
    }

    [Fact]
    public async Task Missing_model_path_fails_validation_naming_the_key()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiPlatform:Serving:Embeddings:BatchSize"] = "8" }).Build())
            .AddServing().AddOnnxEmbeddings();
        await using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<OnnxEmbeddingSettings>>().Value);

        Assert.Contains("AiPlatform:Serving:Embeddings:ModelPath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pipeline_middleware_such_as_the_distributed_cache_wraps_the_generator()
    {
        var folder = await MiniLm.FolderAsync();
        var cache = new DictionaryCache();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(new ConfigurationBuilder().Build())
            .AddServing()
            .AddOnnxEmbeddings(o => o.ModelPath = folder, pipeline => pipeline.UseDistributedCache(cache).UseOpenTelemetry());
        await using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

        var first = await generator.GenerateAsync(["cached sentence"]);
        var second = await generator.GenerateAsync(["cached sentence"]);

        Assert.Single(cache.Entries);
        Assert.Equal(first[0].Vector.ToArray(), second[0].Vector.ToArray());
        Assert.NotNull(generator.GetService<OnnxEmbeddingGenerator>());
    }

    [Fact]
    public async Task Readiness_check_loads_the_model()
    {
        await using var provider = Build(new() { ["AiPlatform:Serving:Embeddings:ModelPath"] = await MiniLm.FolderAsync() });

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries[ServingBuilderEmbeddingsExtensions.HealthCheckName].Status);
    }

    [Fact]
    public async Task Readiness_check_reports_a_missing_model_as_unhealthy()
    {
        await using var provider = Build(new() { ["AiPlatform:Serving:Embeddings:ModelPath"] = Path.Combine(Path.GetTempPath(), $"absent-{Guid.NewGuid():N}") });

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, report.Entries[ServingBuilderEmbeddingsExtensions.HealthCheckName].Status);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddOnnxServing();
        return services.BuildServiceProvider();
    }

    private sealed class DictionaryCache : IDistributedCache
    {
        public ConcurrentDictionary<string, byte[]> Entries { get; } = new();

        public byte[]? Get(string key) => Entries.GetValueOrDefault(key);

        public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Task.FromResult(Get(key));

        public void Refresh(string key)
        {
        }

        public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

        public void Remove(string key) => Entries.TryRemove(key, out _);

        public Task RemoveAsync(string key, CancellationToken token = default)
        {
            Remove(key);
            return Task.CompletedTask;
        }

        public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Entries[key] = value;

        public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
        {
            Set(key, value, options);
            return Task.CompletedTask;
        }
    }
}
