using AiPlatform.Sdk.Training.Jobs;
using AiPlatform.Sdk.Training.Jobs.Kubeflow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Kubeflow;

/// <summary>An app whose jobs run on a multi-user Kubeflow Pipelines deployment, configured as applications configure it.</summary>
internal sealed class KubeflowApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public KubeflowApp(Uri endpoint, string? userIdentity = "alice@example.com")
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:DataPath"] = Directory.CreateTempSubdirectory("aip-kfp-").FullName,
            ["AiPlatform:Training:Jobs:Endpoint"] = endpoint.ToString(),
            ["AiPlatform:Training:Jobs:Kind"] = "Kubeflow",
            ["AiPlatform:Training:Jobs:Authenticate"] = "false",
            ["AiPlatform:Training:Jobs:Kubeflow:Image"] = "registry.example:5000/trainer:1.4",
            ["AiPlatform:Training:Jobs:Kubeflow:Namespace"] = "team-search",
            ["AiPlatform:Training:Jobs:Kubeflow:UserIdentity"] = userIdentity,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddTrainingJobs();
        _services = services.BuildServiceProvider();
    }

    public ITrainingJobs Jobs => _services.GetRequiredService<ITrainingJobs>();

    public IKubeflowPipelines Pipelines => _services.GetRequiredService<IKubeflowPipelines>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
