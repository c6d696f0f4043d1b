using System.Runtime.CompilerServices;
using System.Text.Json;

namespace AiPlatform.Sdk.Training.Jobs.Kubeflow;

/// <summary>
/// Training jobs as Kubeflow Pipelines runs: each job is a one-step pipeline (<see cref="OneStepPipeline"/>) in
/// <c>Kubeflow:Image</c>, created inline in the configured namespace and experiment; the run id is the job's id, the submission id its
/// display name, the metadata its description (as JSON). KFP's API serves no logs, so <see cref="ReadLogsAsync"/> is refused.
/// </summary>
internal sealed class KubeflowJobs(KubeflowPipelines pipelines, KubeflowJobsSettings settings) : ITrainingJobs, IReadinessProbe
{
    public Task ProbeAsync(CancellationToken cancellationToken) => pipelines.ProbeAsync(cancellationToken);

    public async Task<TrainingJob> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (string.IsNullOrWhiteSpace(submission.Entrypoint))
        {
            throw new AiPlatformValidationException(KubeflowPipelines.Service, "SubmitJob", "The submission's Entrypoint is empty.");
        }

        if (submission.WorkingDirectory is not null)
        {
            throw new AiPlatformValidationException(KubeflowPipelines.Service, "SubmitJob",
                $"WorkingDirectory '{submission.WorkingDirectory}' is a local folder; a Kubeflow job runs in the image {settings.Image}: put the files in the image.");
        }

        var run = await pipelines.CreateRunAsync(new KubeflowRunRequest
        {
            DisplayName = submission.SubmissionId ?? $"aiplatform-job-{Guid.NewGuid():N}"[..26],
            Description = submission.Metadata.Count > 0 ? JsonSerializer.Serialize(new Dictionary<string, string>(submission.Metadata), KubeflowJsonContext.Default.DictionaryStringString) : null,
            PipelineSpec = OneStepPipeline.Create(submission, settings.Image!),
        }, cancellationToken).ConfigureAwait(false);
        return ToJob(run, submission.Entrypoint);
    }

    public async Task<TrainingJob> GetAsync(string jobId, CancellationToken cancellationToken = default) =>
        ToJob(await pipelines.GetRunAsync(jobId, cancellationToken).ConfigureAwait(false), null);

    public async IAsyncEnumerable<TrainingJob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var run in pipelines.ListRunsAsync(new KubeflowRunQuery(settings.ExperimentId), cancellationToken).ConfigureAwait(false))
        {
            yield return ToJob(run, null);
        }
    }

    public IAsyncEnumerable<string> ReadLogsAsync(string jobId, bool follow = false, CancellationToken cancellationToken = default) =>
        throw new AiPlatformException(KubeflowPipelines.Service, "ReadJobLogs",
            "Kubeflow Pipelines' API serves no logs: read the step's pod logs through Kubernetes (kubectl logs, or the KFP UI).", errorCode: "NotSupported");

    public async Task<TrainingJob> StopAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job.HasEnded)
        {
            return job;
        }

        await pipelines.TerminateRunAsync(jobId, cancellationToken).ConfigureAwait(false);
        job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        return job.HasEnded ? job : job with { State = JobState.Stopping };
    }

    public async Task DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        var job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (!job.HasEnded)
        {
            throw new AiPlatformConflictException(KubeflowPipelines.Service, "DeleteJob", $"Job '{jobId}' is {job.State}: stop it and let it end before deleting it.");
        }

        await pipelines.DeleteRunAsync(jobId, cancellationToken).ConfigureAwait(false);
    }

    private static TrainingJob ToJob(KubeflowRun run, string? entrypoint) => new()
    {
        Id = run.Id,
        State = run.State.Value switch
        {
            "RUNNING" or "PAUSED" => JobState.Running,
            "CANCELING" => JobState.Stopping,
            "SUCCEEDED" or "SKIPPED" => JobState.Succeeded,
            "FAILED" => JobState.Failed,
            "CANCELED" => JobState.Stopped,
            _ => JobState.Pending,
        },
        Entrypoint = entrypoint,
        SubmittedAt = run.CreatedAt,
        EndedAt = run.FinishedAt,
        Message = run.Error,
        Metadata = Metadata(run.Description),
    };

    /// <summary>The submission's metadata, kept as JSON in the run's description; any other description is no metadata.</summary>
    private static Dictionary<string, string> Metadata(string? description)
    {
        if (description is not { Length: > 1 } || description[0] != '{')
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize(description, KubeflowJsonContext.Default.DictionaryStringString) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
