using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Training.Jobs.Ray;

/// <summary>
/// Training jobs on a Ray cluster through its job submission API: the submission id is the job's id, the entrypoint and arguments
/// become one shell command line, the environment goes in <c>runtime_env.env_vars</c>, a working directory is zipped and uploaded as
/// a package (once per content), and resources become <c>entrypoint_num_cpus/gpus/memory</c>. Ray's plain-text errors are mapped to
/// the SDK's exceptions. Following logs polls Ray's log endpoint (the WebSocket tail is not used, so the platform's HTTP pipeline —
/// retries, bearer token, telemetry — carries every call).
/// </summary>
internal sealed class RayJobs(IRayJobsApi api, ClientInstrumentation instrumentation, TimeProvider time) : ITrainingJobs, IReadinessProbe
{
    private const string Service = "ray-jobs";

    internal static TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public Task ProbeAsync(CancellationToken cancellationToken) => CallAsync("GetVersion", null, api.GetVersionAsync, cancellationToken);

    public async Task<TrainingJob> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (string.IsNullOrWhiteSpace(submission.Entrypoint))
        {
            throw new AiPlatformValidationException(Service, "SubmitJob", "The submission's Entrypoint is empty.");
        }

        if (submission.WorkingDirectory is { } folder && !Directory.Exists(folder))
        {
            throw new AiPlatformValidationException(Service, "SubmitJob", $"The working directory '{folder}' does not exist.");
        }

        var submitted = await instrumentation.RunAsync("SubmitJob", async _ =>
        {
            var workingDir = submission.WorkingDirectory is { } directory ? await UploadAsync(directory, cancellationToken).ConfigureAwait(false) : null;
            var request = new RaySubmitRequestWire(
                ShellCommand.Join(submission.Entrypoint, submission.Arguments),
                submission.SubmissionId,
                submission.Environment.Count == 0 && workingDir is null ? null : new RayRuntimeEnvWire(
                    submission.Environment.Count == 0 ? null : new Dictionary<string, string>(submission.Environment), workingDir),
                submission.Metadata.Count == 0 ? null : new Dictionary<string, string>(submission.Metadata),
                submission.Resources.Cpus,
                submission.Resources.Gpus,
                submission.Resources.MemoryBytes);
            var response = await api.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
            var id = response.SubmissionId ?? response.JobId
                ?? throw new AiPlatformException(Service, "SubmitJob", "Ray accepted the job but answered without a submission_id.", errorCode: "MalformedResponse");
            return await api.GetAsync(id, cancellationToken).ConfigureAwait(false);
        }, e => Map(e, "SubmitJob", submission.SubmissionId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToJob(submitted);
    }

    public async Task<TrainingJob> GetAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return ToJob(await CallAsync("GetJob", jobId, ct => api.GetAsync(jobId, ct), cancellationToken).ConfigureAwait(false));
    }

    public async IAsyncEnumerable<TrainingJob> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var jobs = await CallAsync("ListJobs", null, api.ListAsync, cancellationToken).ConfigureAwait(false);

        // Jobs started by a driver outside the job API have no submission id and cannot be read, stopped or deleted through it.
        foreach (var job in jobs.Where(job => job.SubmissionId is { Length: > 0 }).OrderByDescending(job => job.StartTime ?? 0))
        {
            yield return ToJob(job);
        }
    }

    public async IAsyncEnumerable<string> ReadLogsAsync(string jobId, bool follow = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var consumed = 0;
        while (true)
        {
            // Whether the job had ended before this read: then the log is complete, and this read is the last.
            var ended = !follow || (await GetAsync(jobId, cancellationToken).ConfigureAwait(false)).HasEnded;
            var logs = (await CallAsync("GetJobLogs", jobId, ct => api.GetLogsAsync(jobId, ct), cancellationToken).ConfigureAwait(false)).Logs ?? string.Empty;
            var end = ended ? logs.Length : logs.LastIndexOf('\n') + 1;
            if (end > consumed)
            {
                foreach (var line in logs[consumed..end].TrimEnd('\n').Split('\n'))
                {
                    yield return line.TrimEnd('\r');
                }

                consumed = end;
            }

            if (ended)
            {
                yield break;
            }

            await Task.Delay(PollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<TrainingJob> StopAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (job.HasEnded)
        {
            return job;
        }

        await CallAsync("StopJob", jobId, async ct => { await api.StopAsync(jobId, ct).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
        job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);

        // Ray has no stopping state: until the driver is gone the job still reads RUNNING.
        return job.HasEnded ? job : job with { State = JobState.Stopping };
    }

    public async Task DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);

        // Ray refuses to delete a running job with a 500 and a traceback; say it plainly instead.
        var job = await GetAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (!job.HasEnded)
        {
            throw new AiPlatformConflictException(Service, "DeleteJob", $"Job '{jobId}' is {job.State}: stop it and let it end before deleting it.");
        }

        await CallAsync("DeleteJob", jobId, async ct => { await api.DeleteAsync(jobId, ct).ConfigureAwait(false); return true; }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads the zipped folder unless the cluster has that package already; returns its URI.</summary>
    private async Task<string> UploadAsync(string directory, CancellationToken cancellationToken)
    {
        var package = await WorkingDirectoryPackage.CreateAsync(directory, cancellationToken).ConfigureAwait(false);
        await using (package.ConfigureAwait(false))
        {
            using var existing = await api.GetPackageAsync(WorkingDirectoryPackage.Protocol, package.Name, cancellationToken).ConfigureAwait(false);
            if (existing.StatusCode == HttpStatusCode.NotFound)
            {
                var file = File.OpenRead(package.File);
                await using (file.ConfigureAwait(false))
                {
                    using var content = new StreamContent(file);
                    content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
                    await api.UploadPackageAsync(WorkingDirectoryPackage.Protocol, package.Name, content, cancellationToken).ConfigureAwait(false);
                }
            }
            else if (!existing.IsSuccessStatusCode)
            {
                throw await AiPlatformErrors.FromResponseAsync(existing, Service, "UploadPackage", cancellationToken).ConfigureAwait(false);
            }

            return package.Uri;
        }
    }

    private Task<T> CallAsync<T>(string operation, string? jobId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(operation, _ => call(cancellationToken), e => Map(e, operation, jobId), cancellationToken: cancellationToken);

    private static Exception Map(Exception exception, string operation, string? jobId)
    {
        var mapped = JobErrors.Map(exception, Service, operation, jobId is null ? null : $"job '{jobId}'");

        // Ray answers a reused submission_id with a ValueError (400).
        return operation == "SubmitJob" && mapped is AiPlatformValidationException { ServerMessage: { } message } && message.Contains("already exists", StringComparison.OrdinalIgnoreCase)
            ? new AiPlatformConflictException(Service, operation, $"{Service} {operation}: {message}", 409, null, message, exception)
            : mapped;
    }

    private static TrainingJob ToJob(RayJobDetailsWire job)
    {
        var state = job.Status switch
        {
            "PENDING" => JobState.Pending,
            "RUNNING" => JobState.Running,
            "STOPPED" => JobState.Stopped,
            "SUCCEEDED" => JobState.Succeeded,
            "FAILED" => JobState.Failed,
            var other => throw new AiPlatformException(Service, "GetJob", $"Ray reported the unknown job status '{other}'.", errorCode: "MalformedResponse"),
        };
        var started = job.StartTime is > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(job.StartTime.Value) : (DateTimeOffset?)null;
        return new TrainingJob
        {
            Id = job.SubmissionId ?? job.JobId ?? throw new AiPlatformException(Service, "GetJob", "Ray answered a job without an id.", errorCode: "MalformedResponse"),
            State = state,
            Entrypoint = job.Entrypoint,
            SubmittedAt = started,
            StartedAt = state == JobState.Pending ? null : started,
            EndedAt = job.EndTime is > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(job.EndTime.Value) : null,
            ExitCode = job.DriverExitCode,
            Message = job.Message,
            Metadata = job.Metadata ?? [],
        };
    }
}
