using AiPlatform.Sdk.Training.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Ray;

/// <summary>An app whose jobs run on the Ray cluster at an address, configured as applications configure it.</summary>
internal sealed class RayJobsApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public RayJobsApp(Uri endpoint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Training:Jobs:Endpoint"] = endpoint.ToString(),
            ["AiPlatform:Training:Jobs:Kind"] = "Ray",
            ["AiPlatform:Training:Jobs:Authenticate"] = "false",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddTrainingJobs();
        _services = services.BuildServiceProvider();
    }

    public ITrainingJobs Jobs => _services.GetRequiredService<ITrainingJobs>();

    public Task<HealthReport> CheckHealthAsync() => _services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
