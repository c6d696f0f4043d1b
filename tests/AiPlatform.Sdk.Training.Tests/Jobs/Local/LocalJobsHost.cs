using AiPlatform.Sdk.Training.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Local;

/// <summary>An app with the local jobs backend on a folder of its own, built the way applications build it.</summary>
internal sealed class LocalJobsHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public LocalJobsHost(string folder, int concurrency = 2, double gracePeriodSeconds = 5)
    {
        Folder = folder;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:DataPath"] = folder,
            ["AiPlatform:Training:Jobs:Local:MaxConcurrency"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AiPlatform:Training:Jobs:Local:StopGracePeriod"] = TimeSpan.FromSeconds(gracePeriodSeconds).ToString(),
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(configuration).AddTrainingJobs();
        _services = services.BuildServiceProvider();
    }

    public string Folder { get; }

    public ITrainingJobs Jobs => _services.GetRequiredService<ITrainingJobs>();

    public static LocalJobsHost Fresh(int concurrency = 2, double gracePeriodSeconds = 5) =>
        new(Directory.CreateTempSubdirectory("aip-jobs-").FullName, concurrency, gracePeriodSeconds);

    /// <summary>A job running <paramref name="script"/> with <c>/bin/sh -c</c>.</summary>
    public static JobSubmission Shell(string script, string? id = null) =>
        new() { Entrypoint = "/bin/sh", Arguments = ["-c", script], SubmissionId = id };

    public async Task<TrainingJob> RunToEndAsync(JobSubmission submission) =>
        await Jobs.WaitAsync((await Jobs.SubmitAsync(submission)).Id, TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(50));

    public async Task<TrainingJob> WaitForStateAsync(string id, JobState state)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var job = await Jobs.GetAsync(id, deadline.Token);
            if (job.State == state)
            {
                return job;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
