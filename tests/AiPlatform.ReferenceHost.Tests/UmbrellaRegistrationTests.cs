using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Vector.VectorData;
using AiPlatform.Sdk.Vector.Weaviate;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.ReferenceHost.Tests;

/// <summary>The umbrella package's <c>AddAiPlatform</c>: every layer on, embedded by default, switched by configuration alone.</summary>
public sealed class UmbrellaRegistrationTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("aiplatform-umbrella-").FullName;

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["AiPlatform:DataPath"] = _data;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void With_no_configuration_every_layer_runs_on_its_embedded_default()
    {
        using var services = Build([]);

        Assert.Equal("LocalObjectStore", services.GetRequiredService<IObjectStore>().GetType().Name);
        Assert.Equal("InProcessEventStream", services.GetRequiredService<IEventStream>().GetType().Name);
        Assert.IsType<EmbeddedVectorStore>(services.GetRequiredService<VectorStore>());
        Assert.Null(services.GetService<IInferenceClient>());
        Assert.Null(services.GetService<IAccessTokenProvider>());
    }

    [Fact]
    public void Configuring_a_section_switches_that_part_to_its_distributed_system()
    {
        using var services = Build(new()
        {
            ["AiPlatform:Data:ObjectStore:Endpoint"] = "127.0.0.1:9000",
            ["AiPlatform:Data:ObjectStore:AccessKey"] = "access",
            ["AiPlatform:Data:ObjectStore:SecretKey"] = "secret",
            ["AiPlatform:Vector:Weaviate:Endpoint"] = "http://127.0.0.1:8080",
            ["AiPlatform:Serving:Inference:Endpoint"] = "http://127.0.0.1:8001",
        });

        Assert.Equal("S3ObjectStore", services.GetRequiredService<IObjectStore>().GetType().Name);
        Assert.IsType<WeaviateVectorStore>(services.GetRequiredService<VectorStore>());
        Assert.NotNull(services.GetService<IInferenceClient>());
    }

    [Fact]
    public void Calling_it_twice_registers_nothing_more()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiPlatform:DataPath"] = _data }).Build();
        var services = new ServiceCollection();

        var first = services.AddAiPlatform(configuration);
        var count = services.Count;
        var second = services.AddAiPlatform(configuration);

        Assert.Same(first, second);
        Assert.Equal(count, services.Count);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
