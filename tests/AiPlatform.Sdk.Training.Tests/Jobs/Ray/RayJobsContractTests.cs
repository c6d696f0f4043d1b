using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Jobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Ray;

/// <summary>Prism serving the trimmed Ray Jobs definition.</summary>
public sealed class RayJobsPrism : PrismServer
{
    protected override string Definition => "ray-jobs.yaml";
}

/// <summary>
/// Contract tests of the Ray backend against Ray's job submission definition (<c>Definitions/ray-jobs.yaml</c>, sources in
/// <c>README.md</c>), served by Prism: a request the definition does not allow (a field it does not declare, a wrong type, a
/// package name outside Ray's pattern) is refused and fails the test; answers are the definition's examples.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class RayJobsContractTests(RayJobsPrism prism) : IClassFixture<RayJobsPrism>
{
    [Fact]
    public async Task A_submission_sends_entrypoint_environment_metadata_and_resources_as_the_definition_declares()
    {
        await using var app = new RayJobsApp(prism.BaseAddress);

        var job = await app.Jobs.SubmitAsync(new JobSubmission
        {
            Entrypoint = "python",
            Arguments = ["train.py", "--lr", "0.1", "--note", "it's a test"],
            Environment = new Dictionary<string, string> { ["EPOCHS"] = "3" },
            Metadata = new Dictionary<string, string> { ["team"] = "search" },
            Resources = new JobResources(Cpus: 2, Gpus: 0.5, MemoryBytes: 4L << 30),
            SubmissionId = "raysubmit_tn3hTyrc8W9bLudd",
        });

        Assert.Equal("raysubmit_tn3hTyrc8W9bLudd", job.Id);
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(0, job.ExitCode);
        Assert.Equal("search", job.Metadata["team"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1733700000000), job.StartedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1733700120000), job.EndedAt);
    }

    [Fact]
    public async Task A_working_directory_is_uploaded_as_a_package_before_the_submission_names_it()
    {
        await using var app = new RayJobsApp(prism.BaseAddress);
        var folder = Directory.CreateTempSubdirectory("aip-ray-workdir-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "train.py"), "print('hi')\n");

        // Prism answers the package check with 404 (not on the cluster), accepts the zip, then the submission naming gcs://_ray_pkg_….zip.
        var job = await app.Jobs.SubmitAsync(new JobSubmission { Entrypoint = "python", Arguments = ["train.py"], WorkingDirectory = folder });

        Assert.Equal(JobState.Succeeded, job.State);
    }

    [Fact]
    public async Task Listing_yields_submitted_jobs_newest_first_and_leaves_out_driver_jobs()
    {
        await using var app = new RayJobsApp(prism.BaseAddress);

        var jobs = await app.Jobs.ListAsync().ToListAsync();

        Assert.Equal(["raysubmit_tn3hTyrc8W9bLudd", "raysubmit_old"], jobs.Select(job => job.Id));
        Assert.Equal(JobState.Failed, jobs[1].State);
        Assert.Equal(1, jobs[1].ExitCode);
        Assert.Contains("exit code 1", jobs[1].Message);
    }

    [Fact]
    public async Task Logs_are_read_line_by_line()
    {
        await using var app = new RayJobsApp(prism.BaseAddress);

        Assert.Equal(["epoch 1 loss 0.9", "epoch 2 loss 0.4"], await app.Jobs.ReadLogsAsync("raysubmit_tn3hTyrc8W9bLudd").ToListAsync());
    }

    [Fact]
    public async Task Stopping_an_ended_job_changes_nothing_and_deleting_it_succeeds()
    {
        await using var app = new RayJobsApp(prism.BaseAddress);

        Assert.Equal(JobState.Succeeded, (await app.Jobs.StopAsync("raysubmit_tn3hTyrc8W9bLudd")).State);
        await app.Jobs.DeleteAsync("raysubmit_tn3hTyrc8W9bLudd");
    }

    [Fact]
    public async Task The_readiness_check_asks_for_the_version()
    {
        await using var app = new RayJobsApp(prism.BaseAddress);

        var report = await app.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries["aiplatform-training-jobs"].Status);
    }
}
