using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Core.Tests.Configuration;

public sealed class SettingsValidationTests
{
    public sealed class InferenceSettings : RemoteClientSettings
    {
        [Range(1, 64)]
        public int MaxBatch { get; set; } = 8;
    }

    private static (ServiceProvider Services, AiPlatformBuilder Platform) Build(
        Dictionary<string, string?> values, Action<AiPlatformSettings>? configure = null, Action<InferenceSettings>? inference = null)
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var platform = services.AddAiPlatformCore(configuration, configure);
        platform.AddSettings("Serving:Inference", inference);
        return (services.BuildServiceProvider(), platform);
    }

    [Fact]
    public void Missing_required_value_fails_with_the_full_configuration_key()
    {
        var (services, _) = Build([]);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<InferenceSettings>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("AiPlatform:Serving:Inference:Endpoint:", StringComparison.Ordinal));
    }

    [Fact]
    public void Out_of_range_nested_value_names_its_key()
    {
        var (services, _) = Build(new() { ["AiPlatform:Resilience:MaxRetryAttempts"] = "42" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AiPlatformSettings>>().Value);

        Assert.Contains(error.Failures, f => f.StartsWith("AiPlatform:Resilience:MaxRetryAttempts:", StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_configuration_binds()
    {
        var (services, _) = Build(new()
        {
            ["AiPlatform:Serving:Inference:Endpoint"] = "http://triton:8001",
            ["AiPlatform:Serving:Inference:MaxBatch"] = "16",
        });

        var settings = services.GetRequiredService<IOptions<InferenceSettings>>().Value;

        Assert.Equal(new Uri("http://triton:8001"), settings.Endpoint);
        Assert.Equal(16, settings.MaxBatch);
    }

    [Fact]
    public void Code_first_settings_reach_the_same_result_as_configuration()
    {
        var (fromConfiguration, _) = Build(new()
        {
            ["AiPlatform:DataPath"] = "/srv/platform",
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "5",
            ["AiPlatform:Serving:Inference:Endpoint"] = "http://triton:8001",
        });
        var (fromCode, _) = Build([], o =>
        {
            o.DataPath = "/srv/platform";
            o.Resilience.MaxRetryAttempts = 5;
        }, s => s.Endpoint = new Uri("http://triton:8001"));

        var a = fromConfiguration.GetRequiredService<IOptions<AiPlatformSettings>>().Value;
        var b = fromCode.GetRequiredService<IOptions<AiPlatformSettings>>().Value;

        Assert.Equal(a.DataPath, b.DataPath);
        Assert.Equal(a.Resilience.MaxRetryAttempts, b.Resilience.MaxRetryAttempts);
        Assert.Equal(
            fromConfiguration.GetRequiredService<IOptions<InferenceSettings>>().Value.Endpoint,
            fromCode.GetRequiredService<IOptions<InferenceSettings>>().Value.Endpoint);
    }

    [Fact]
    public void Keyed_settings_read_their_named_sub_section_over_the_shared_one()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:Inference:Endpoint"] = "http://shared:8001",
            ["AiPlatform:Serving:Inference:MaxBatch"] = "4",
            ["AiPlatform:Serving:Inference:gpu:Endpoint"] = "http://gpu:8001",
        }).Build();
        var platform = services.AddAiPlatformCore(configuration);
        platform.AddSettings<InferenceSettings>("Serving:Inference", name: "gpu");
        using var provider = services.BuildServiceProvider();

        var gpu = provider.GetRequiredService<IOptionsMonitor<InferenceSettings>>().Get("gpu");

        Assert.Equal(new Uri("http://gpu:8001"), gpu.Endpoint);
        Assert.Equal(4, gpu.MaxBatch);
    }

    [Fact]
    public void Adding_the_platform_twice_returns_the_same_builder()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();

        var first = services.AddAiPlatformCore(configuration);
        var second = services.AddAiPlatformCore(configuration);

        Assert.Same(first, second);
        Assert.Single(services, d => d.ServiceType == typeof(AiPlatformBuilder));
    }

    [Fact]
    public void Binding_the_same_settings_twice_binds_once_and_keeps_every_code_delegate()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:Inference:Endpoint"] = "http://triton:8001",
        }).Build();
        var platform = services.AddAiPlatformCore(configuration);

        platform.AddSettings<InferenceSettings>("Serving:Inference");
        var count = services.Count;
        platform.AddSettings<InferenceSettings>("Serving:Inference", s => s.MaxBatch = 32);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(count + 1, services.Count);
        Assert.Equal(32, provider.GetRequiredService<IOptions<InferenceSettings>>().Value.MaxBatch);
    }

    [Fact]
    public void IsRemote_is_true_only_when_the_endpoint_or_connection_string_is_set()
    {
        var (_, platform) = Build(new()
        {
            ["AiPlatform:Data:ObjectStore:Endpoint"] = "minio:9000",
            ["AiPlatform:Data:Redis:ConnectionString"] = "redis:6379",
            ["AiPlatform:Data:Events:MaxAttempts"] = "5",
            ["AiPlatform:Vector:Weaviate:Endpoint"] = " ",
        });

        Assert.True(platform.IsRemote("Data:ObjectStore"));
        Assert.True(platform.IsRemote("Data:Redis"));
        Assert.False(platform.IsRemote("Data:Events"));
        Assert.False(platform.IsRemote("Vector:Weaviate"));
        Assert.False(platform.IsRemote("Serving:Inference"));
    }
}
