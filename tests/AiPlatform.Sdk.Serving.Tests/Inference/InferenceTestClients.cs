using AiPlatform.Sdk.Serving;
using AiPlatform.Sdk.Serving.Inference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

/// <summary>Builds an <see cref="IInferenceClient"/> through the real registration, addressed at a test server.</summary>
internal static class InferenceTestClients
{
    public static ServiceProvider Create(Uri endpoint, InferenceProtocol protocol, Action<InferenceClientSettings>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Serving:Inference:Endpoint"] = endpoint.ToString(),
            ["AiPlatform:Serving:Inference:Protocol"] = protocol.ToString(),
            ["AiPlatform:Resilience:RetryDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiPlatformCore(configuration).AddServing().AddInferenceClient(configure: configure);
        return services.BuildServiceProvider();
    }
}
