using AiPlatform.Sdk.Training.Tracking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests;

/// <summary>The suite against the embedded store (the Data layer's file-backed document store), as <c>AddTraining()</c> registers it without an endpoint.</summary>
public sealed class EmbeddedTrackerTests : ExperimentTrackerSuite, IClassFixture<EmbeddedTrackerTests.Store>
{
    public EmbeddedTrackerTests(Store store) => Tracker = store.Tracker;

    protected override IExperimentTracker Tracker { get; }

    [Fact]
    public async Task Runs_survive_a_restart_of_the_store()
    {
        var folder = Directory.CreateTempSubdirectory("aip-tracking-restart-").FullName;
        string runId;
        await using (var first = Store.Build(folder))
        {
            var tracker = first.GetRequiredService<IExperimentTracker>();
            var run = await tracker.CreateRunAsync(await tracker.CreateExperimentAsync("restart"));
            runId = run.Info.RunId;
            await tracker.LogBatchAsync(runId, [new Metric("loss", 0.25, DateTimeOffset.UtcNow, 7)]);
        }

        await using var second = Store.Build(folder);
        var read = await second.GetRequiredService<IExperimentTracker>().GetRunAsync(runId);

        Assert.Equal(0.25, read.Metrics.Single().Value);
        Assert.Equal(7, read.Metrics.Single().Step);
    }

    public sealed class Store : IAsyncLifetime
    {
        private ServiceProvider? _services;

        public IExperimentTracker Tracker => _services!.GetRequiredService<IExperimentTracker>();

        public AiPlatform.Sdk.Training.Artifacts.IArtifactRepository Artifacts =>
            _services!.GetRequiredService<AiPlatform.Sdk.Training.Artifacts.IArtifactRepository>();

        public AiPlatform.Sdk.Training.Registry.IModelRegistry Registry => _services!.GetRequiredService<AiPlatform.Sdk.Training.Registry.IModelRegistry>();

        public static ServiceProvider Build(string dataPath)
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AiPlatform:DataPath"] = dataPath }).Build();
            var services = new ServiceCollection().AddLogging();
            services.AddAiPlatformCore(configuration).AddTraining();
            return services.BuildServiceProvider();
        }

        public Task InitializeAsync()
        {
            _services = Build(Directory.CreateTempSubdirectory("aip-tracking-").FullName);
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await _services!.DisposeAsync();
    }
}
