using AiPlatform.Sdk.Training.Jobs;
using AiPlatform.Sdk.Training.Jobs.Ray;
using AiPlatform.Sdk.Training.Tests.Jobs.Local;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Ray;

/// <summary>
/// The Ray backend against <see cref="RayFake"/>, a job server that runs what it is sent: states that progress, logs that grow while
/// they are followed, stops, Ray's plain-text errors, and the working directory package. Contract tests: the fake's bodies follow
/// Ray's definition.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class RayJobsBehaviourTests : IAsyncLifetime
{
    private RayFake _ray = null!;

    static RayJobsBehaviourTests() => RayJobs.PollInterval = TimeSpan.FromMilliseconds(50);

    public async Task InitializeAsync() => _ray = await RayFake.StartAsync();

    public async Task DisposeAsync() => await _ray.DisposeAsync();

    [Fact]
    public async Task The_same_job_runs_alike_locally_and_on_Ray_with_only_configuration_changed()
    {
        await using var local = LocalJobsHost.Fresh();
        await using var ray = new RayJobsApp(_ray.BaseAddress);

        var onLocal = await TrainAsync(local.Jobs);
        var onRay = await TrainAsync(ray.Jobs);

        Assert.Equal(JobState.Succeeded, onLocal.Job.State);
        Assert.Equal(onLocal.Job.State, onRay.Job.State);
        Assert.Equal(onLocal.Job.ExitCode, onRay.Job.ExitCode);
        Assert.Equal(["lr=0.05 epochs=3", "epoch 1", "epoch 2", "epoch 3", "it's done"], onLocal.Logs);
        Assert.Equal(onLocal.Logs, onRay.Logs);
    }

    [Fact]
    public async Task Following_a_running_job_yields_its_lines_as_they_come_and_ends_with_it()
    {
        await using var app = new RayJobsApp(_ray.BaseAddress);
        var job = await app.Jobs.SubmitAsync(Shell("for i in 1 2 3 4 5; do echo step $i; sleep 0.2; done; exit 4"));

        var lines = await app.Jobs.ReadLogsAsync(job.Id, follow: true).ToListAsync();

        Assert.Equal(["step 1", "step 2", "step 3", "step 4", "step 5"], lines);
        var ended = await app.Jobs.GetAsync(job.Id);
        Assert.Equal(JobState.Failed, ended.State);
        Assert.Equal(4, ended.ExitCode);
        Assert.Contains("exit code 4", ended.Message);
    }

    [Fact]
    public async Task Stopping_a_running_job_reports_stopping_then_stopped()
    {
        await using var app = new RayJobsApp(_ray.BaseAddress);
        var job = await app.Jobs.SubmitAsync(Shell("sleep 60"));
        Assert.Equal(JobState.Running, (await app.Jobs.GetAsync(job.Id)).State);

        var stopping = await app.Jobs.StopAsync(job.Id);
        var stopped = await app.Jobs.WaitAsync(job.Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));

        Assert.Contains(stopping.State, new[] { JobState.Stopping, JobState.Stopped });
        Assert.Equal(JobState.Stopped, stopped.State);
    }

    [Fact]
    public async Task Rays_plain_text_errors_become_typed_errors_naming_the_job()
    {
        await using var app = new RayJobsApp(_ray.BaseAddress);

        var missing = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => app.Jobs.GetAsync("raysubmit_missing"));
        Assert.Contains("raysubmit_missing", missing.Message);
        Assert.Equal("Job raysubmit_missing does not exist.", missing.ServerMessage);
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => app.Jobs.ReadLogsAsync("raysubmit_missing").ToListAsync().AsTask());

        await app.Jobs.SubmitAsync(Shell("sleep 60", "taken-id"));
        var reused = await Assert.ThrowsAsync<AiPlatformConflictException>(() => app.Jobs.SubmitAsync(Shell("true", "taken-id")));
        Assert.Contains("already exists", reused.Message);
        Assert.Contains("stop it", (await Assert.ThrowsAsync<AiPlatformConflictException>(() => app.Jobs.DeleteAsync("taken-id"))).Message);

        await app.Jobs.StopAsync("taken-id");
        await app.Jobs.WaitAsync("taken-id", TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));
        await app.Jobs.DeleteAsync("taken-id");
        await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => app.Jobs.GetAsync("taken-id"));
    }

    [Fact]
    public async Task A_working_directory_runs_as_the_jobs_folder_and_is_uploaded_once_per_content()
    {
        await using var app = new RayJobsApp(_ray.BaseAddress);
        var folder = Directory.CreateTempSubdirectory("aip-ray-workdir-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        Directory.CreateDirectory(Path.Combine(folder, ".git"));
        await File.WriteAllTextAsync(Path.Combine(folder, "data", "train.csv"), "x,y\n1,2\n");
        await File.WriteAllTextAsync(Path.Combine(folder, ".git", "HEAD"), "ref: refs/heads/main\n");
        var submission = new JobSubmission { Entrypoint = "/bin/sh", Arguments = ["-c", "cat data/train.csv; ls -A"], WorkingDirectory = folder };

        var first = await app.Jobs.WaitAsync((await app.Jobs.SubmitAsync(submission)).Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));
        var second = await app.Jobs.WaitAsync((await app.Jobs.SubmitAsync(submission)).Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));

        Assert.Equal(["x,y", "1,2", "data"], await app.Jobs.ReadLogsAsync(first.Id).ToListAsync());
        Assert.Equal(JobState.Succeeded, second.State);
        Assert.Equal(1, _ray.PackageUploads);
        Assert.Matches("^_ray_pkg_[0-9a-f]{40}\\.zip$", Assert.Single(_ray.Packages).Key);

        await File.AppendAllTextAsync(Path.Combine(folder, "data", "train.csv"), "3,4\n");
        await app.Jobs.WaitAsync((await app.Jobs.SubmitAsync(submission)).Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50));
        Assert.Equal(2, _ray.PackageUploads);
    }

    [Fact]
    public async Task Bad_submissions_are_refused_before_anything_is_sent()
    {
        await using var app = new RayJobsApp(_ray.BaseAddress);

        Assert.Contains("Entrypoint", (await Assert.ThrowsAsync<AiPlatformValidationException>(() => app.Jobs.SubmitAsync(new JobSubmission { Entrypoint = "" }))).Message);
        Assert.Contains("/no/such/folder", (await Assert.ThrowsAsync<AiPlatformValidationException>(() =>
            app.Jobs.SubmitAsync(new JobSubmission { Entrypoint = "true", WorkingDirectory = "/no/such/folder" }))).Message);
        Assert.Empty(await app.Jobs.ListAsync().ToListAsync());
    }

    /// <summary>What an application's code does, whichever backend is configured: submit, follow the log, wait for the end.</summary>
    private static async Task<(TrainingJob Job, List<string> Logs)> TrainAsync(ITrainingJobs jobs)
    {
        var job = await jobs.SubmitAsync(new JobSubmission
        {
            Entrypoint = "/bin/sh",
            Arguments = ["-c", "echo \"lr=$LEARNING_RATE epochs=$1\"; i=1; while [ $i -le $1 ]; do echo \"epoch $i\"; i=$((i+1)); done; echo \"$2\"", "trainer", "3", "it's done"],
            Environment = new Dictionary<string, string> { ["LEARNING_RATE"] = "0.05" },
        });
        var logs = await jobs.ReadLogsAsync(job.Id, follow: true).ToListAsync();
        return (await jobs.WaitAsync(job.Id, TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(50)), logs);
    }

    private static JobSubmission Shell(string script, string? id = null) => new() { Entrypoint = "/bin/sh", Arguments = ["-c", script], SubmissionId = id };
}
