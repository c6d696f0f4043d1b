using System.Text;
using System.Text.Json.Nodes;
using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Training.Jobs;
using AiPlatform.Sdk.Training.Jobs.Kubeflow;

namespace AiPlatform.Sdk.Training.Tests.Jobs.Kubeflow;

/// <summary>Prism serving the trimmed Kubeflow Pipelines v2beta1 definition.</summary>
public sealed class KubeflowPrism : PrismServer
{
    protected override string Definition => "kubeflow-pipelines.yaml";
}

/// <summary>
/// Contract tests of the Kubeflow backend and <see cref="IKubeflowPipelines"/> against KFP's v2beta1 definition
/// (<c>Definitions/kubeflow-pipelines.yaml</c>, sources in <c>README.md</c>) served by Prism: a body with a field the definition does
/// not declare, a namespace other than the configured one, or a request without the multi-user identity header is refused.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class KubeflowContractTests(KubeflowPrism prism) : IClassFixture<KubeflowPrism>
{
    [Fact]
    public async Task A_job_is_created_as_an_inline_one_step_run_with_its_metadata()
    {
        await using var app = new KubeflowApp(prism.BaseAddress);

        var job = await app.Jobs.SubmitAsync(new JobSubmission
        {
            Entrypoint = "python",
            Arguments = ["train.py", "--lr=0.1"],
            Environment = new Dictionary<string, string> { ["EPOCHS"] = "3" },
            Resources = new JobResources(Cpus: 2, Gpus: 1, MemoryBytes: 4L << 30),
            Metadata = new Dictionary<string, string> { ["team"] = "search" },
            SubmissionId = "churn-lr-0.1",
        });

        Assert.Equal("3f4e5d6c-7b8a-4f9e-8d0c-2b3a4f5e6d7c", job.Id);
        Assert.Equal(JobState.Pending, job.State);
        Assert.Equal("search", job.Metadata["team"]);
    }

    [Fact]
    public async Task Jobs_are_read_listed_stopped_and_deleted_as_runs()
    {
        await using var app = new KubeflowApp(prism.BaseAddress);

        var job = await app.Jobs.GetAsync("1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a");
        var jobs = await app.Jobs.ListAsync().ToListAsync();
        var stopped = await app.Jobs.StopAsync(job.Id);
        await app.Jobs.DeleteAsync(job.Id);

        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(DateTimeOffset.Parse("2026-12-03T02:14:00Z", System.Globalization.CultureInfo.InvariantCulture), job.EndedAt);
        Assert.Equal([JobState.Succeeded, JobState.Failed], jobs.Select(j => j.State));
        Assert.Equal("step train: exit status 1", jobs[1].Message);
        Assert.Equal(JobState.Succeeded, stopped.State);
    }

    [Fact]
    public async Task Logs_are_refused_with_a_reason_since_the_API_serves_none()
    {
        await using var app = new KubeflowApp(prism.BaseAddress);

        var error = Assert.Throws<AiPlatformException>(() => app.Jobs.ReadLogsAsync("1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a"));

        Assert.Equal("NotSupported", error.ErrorCode);
        Assert.Contains("Kubernetes", error.Message);
    }

    [Fact]
    public async Task Experiments_pipelines_and_versions_go_through_the_namespace()
    {
        await using var app = new KubeflowApp(prism.BaseAddress);
        var kfp = app.Pipelines;

        Assert.True(await kfp.IsMultiUserAsync());
        var experiment = await kfp.CreateExperimentAsync("churn", "weekly retraining");
        var experiments = await kfp.ListExperimentsAsync().ToListAsync();
        var pipeline = await kfp.UploadPipelineAsync("train-churn", new MemoryStream(Encoding.UTF8.GetBytes("pipelineInfo:\n  name: train-churn\n")), "pipeline.yaml");
        var version = await kfp.UploadPipelineVersionAsync(pipeline.Id, "v2", new MemoryStream(Encoding.UTF8.GetBytes("pipelineInfo:\n  name: train-churn\n")), "pipeline.yaml");
        var versions = await kfp.ListPipelineVersionsAsync(pipeline.Id).ToListAsync();

        Assert.Equal("6f7e2a1c-0b7d-4d32-9c1e-2b6a0f6c9d11", experiment.Id);
        Assert.Equal("team-search", Assert.Single(experiments).Namespace);
        Assert.Equal("0c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", pipeline.Id);
        Assert.Equal(version.Id, Assert.Single(versions).Id);
    }

    [Fact]
    public async Task Runs_from_a_version_with_parameters_are_managed_and_listed_with_a_filter()
    {
        await using var app = new KubeflowApp(prism.BaseAddress);
        var kfp = app.Pipelines;

        var run = await kfp.CreateRunAsync(new KubeflowRunRequest
        {
            DisplayName = "churn-lr-0.1",
            PipelineId = "0c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            PipelineVersionId = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
            Parameters = new Dictionary<string, JsonNode?> { ["learning_rate"] = 0.1, ["epochs"] = 3, ["dataset"] = "s3://datasets/churn" },
            PipelineRoot = "s3://mlpipeline/runs",
        });
        await kfp.TerminateRunAsync(run.Id);
        await kfp.RetryRunAsync(run.Id);
        await kfp.ArchiveRunAsync(run.Id);
        await kfp.DeleteRunAsync(run.Id);
        var listed = await kfp.ListRunsAsync(new KubeflowRunQuery(Filter: """{"predicates":[{"key":"display_name","operation":"EQUALS","string_value":"nightly"}]}""")).ToListAsync();

        Assert.Equal(KubeflowRunState.Pending, run.State);
        Assert.Equal(2, listed.Count);
        Assert.True(listed[1].Archived);
        Assert.Throws<ArgumentException>(() => kfp.CreateRunAsync(new KubeflowRunRequest { DisplayName = "neither" }).GetAwaiter().GetResult());
    }

    [Fact]
    public async Task Recurring_runs_are_created_on_a_cron_listed_switched_and_deleted()
    {
        await using var app = new KubeflowApp(prism.BaseAddress);
        var kfp = app.Pipelines;

        var nightly = await kfp.CreateRecurringRunAsync(new KubeflowRecurringRunRequest
        {
            DisplayName = "nightly",
            PipelineId = "0c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            PipelineVersionId = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
            Cron = "0 0 2 * * *",
            MaxConcurrency = 2,
        });
        var hourly = await kfp.CreateRecurringRunAsync(new KubeflowRecurringRunRequest
        {
            DisplayName = "hourly",
            PipelineId = "0c1b2a3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            PipelineVersionId = "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
            Interval = TimeSpan.FromHours(1),
        });
        var listed = await kfp.ListRecurringRunsAsync().ToListAsync();
        await kfp.SetRecurringRunEnabledAsync(nightly.Id, false);
        await kfp.SetRecurringRunEnabledAsync(nightly.Id, true);
        await kfp.DeleteRecurringRunAsync(nightly.Id);

        Assert.True(nightly.Enabled);
        Assert.Equal("0 0 2 * * *", Assert.Single(listed).Cron);
        Assert.NotNull(hourly.Id);
        await Assert.ThrowsAsync<ArgumentException>(() => kfp.CreateRecurringRunAsync(new KubeflowRecurringRunRequest
        {
            DisplayName = "both", PipelineId = "p", PipelineVersionId = "v", Cron = "0 * * * * *", Interval = TimeSpan.FromMinutes(5),
        }));
    }

    [Fact]
    public async Task Without_the_user_identity_a_multi_user_deployment_refuses_the_call()
    {
        await using var app = new KubeflowApp(prism.BaseAddress, userIdentity: null);

        var refused = await Assert.ThrowsAsync<AiPlatformValidationException>(() => app.Jobs.ListAsync().ToListAsync().AsTask());

        // The same call with the identity passes (Jobs_are_read_listed_...): Prism's 422 is for the missing required header. Its body is
        // the definition's default googleRpcStatus, which does not name it.
        Assert.Equal(422, refused.StatusCode);
    }
}
