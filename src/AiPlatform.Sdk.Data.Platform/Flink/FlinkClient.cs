using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Flink;

/// <summary>The <see cref="IFlinkClient"/> over Refit on the platform's HTTP pipeline.</summary>
internal sealed class FlinkClient(IFlinkApi api, ServiceCalls calls, FlinkSettings settings, TimeProvider time) : IFlinkClient
{
    internal const string Service = "flink";

    /// <summary>The error code of a savepoint operation that Flink reports as failed.</summary>
    internal const string SavepointFailed = "SavepointFailed";

    public Task<string> UploadJarAsync(Stream jar, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jar);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        return calls.RunAsync("UploadJar", null, async ct =>
        {
            using var form = MultipartFiles.Create([("jarfile", jar, fileName, "application/x-java-archive")]);
            var uploaded = await api.UploadJarAsync(form, ct).ConfigureAwait(false);
            // The JarUploadHandler answers the stored path; the jar's id is its file name.
            return uploaded.Filename is { Length: > 0 } path ? Path.GetFileName(path) : throw calls.Malformed("UploadJar", "no filename");
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<FlinkJar>> ListJarsAsync(CancellationToken cancellationToken = default) =>
        (await calls.RunAsync("ListJars", null, api.ListJarsAsync, cancellationToken).ConfigureAwait(false)).Files ?? [];

    public Task<string> RunJarAsync(string jarId, FlinkJarRunRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jarId);
        return calls.RunAsync("RunJar", $"jar '{jarId}'", async ct =>
            (await api.RunJarAsync(jarId, request ?? new FlinkJarRunRequest(), ct).ConfigureAwait(false)).Jobid is { Length: > 0 } job
                ? job
                : throw calls.Malformed("RunJar", "no jobid"), cancellationToken);
    }

    public async Task<IReadOnlyList<FlinkJobOverview>> ListJobsAsync(CancellationToken cancellationToken = default) =>
        (await calls.RunAsync("ListJobs", null, api.ListJobsAsync, cancellationToken).ConfigureAwait(false)).Jobs ?? [];

    public Task<FlinkJobDetails> GetJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        calls.RunAsync("GetJob", Job(jobId), ct => api.GetJobAsync(jobId, ct), cancellationToken);

    public Task CancelJobAsync(string jobId, CancellationToken cancellationToken = default) =>
        calls.RunAsync("CancelJob", Job(jobId), ct => api.CancelJobAsync(jobId, ct), cancellationToken);

    public async Task<FlinkJobExceptions> GetJobExceptionsAsync(string jobId, int? maxExceptions = null, CancellationToken cancellationToken = default)
    {
        var history = (await calls.RunAsync("GetJobExceptions", Job(jobId), ct => api.GetExceptionsAsync(jobId, maxExceptions, ct), cancellationToken)
            .ConfigureAwait(false)).ExceptionHistory;
        return new FlinkJobExceptions { Entries = history?.Entries ?? [], Truncated = history?.Truncated ?? false };
    }

    public Task<string> TriggerSavepointAsync(
        string jobId, string? targetDirectory = null, bool cancelJob = false, FlinkSavepointFormat? format = null, CancellationToken cancellationToken = default) =>
        Trigger("TriggerSavepoint", jobId, ct => api.TriggerSavepointAsync(jobId, new SavepointTriggerWire(targetDirectory, cancelJob, format), ct), cancellationToken);

    public Task<string> StopWithSavepointAsync(
        string jobId, string? targetDirectory = null, bool drain = false, FlinkSavepointFormat? format = null, CancellationToken cancellationToken = default) =>
        Trigger("StopWithSavepoint", jobId, ct => api.StopWithSavepointAsync(jobId, new StopWithSavepointWire(targetDirectory, drain, format), ct), cancellationToken);

    public Task<FlinkSavepointStatus> GetSavepointStatusAsync(string jobId, string triggerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(triggerId);
        return calls.RunAsync("GetSavepointStatus", Savepoint(jobId, triggerId), async ct =>
        {
            var result = await api.GetSavepointStatusAsync(jobId, triggerId, ct).ConfigureAwait(false);
            if (result.Status?.Id is not { Length: > 0 } state)
            {
                throw calls.Malformed("GetSavepointStatus", "no status id");
            }

            return new FlinkSavepointStatus
            {
                IsCompleted = state == "COMPLETED",
                Location = result.Operation?.Location,
                FailureClass = result.Operation?.FailureCause?.Class,
                FailureStackTrace = result.Operation?.FailureCause?.StackTrace,
            };
        }, cancellationToken);
    }

    public async Task<FlinkSavepointStatus> WaitForSavepointAsync(
        string jobId, string triggerId, IProgress<FlinkSavepointStatus>? progress = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        var status = await Polling.UntilAsync(ct => GetSavepointStatusAsync(jobId, triggerId, ct), s => s.IsCompleted,
            progress, pollInterval ?? settings.PollInterval, time, cancellationToken).ConfigureAwait(false);
        if (status.IsFailed)
        {
            var cause = status.FailureStackTrace?.Split('\n', 2)[0].Trim() is { Length: > 0 } first ? first : status.FailureClass;
            throw new AiPlatformException(Service, "WaitForSavepoint", $"{Service} WaitForSavepoint: {Savepoint(jobId, triggerId)} failed: {cause}",
                errorCode: SavepointFailed);
        }

        return status;
    }

    /// <summary>A cheap read that needs no job: the web UI's configuration.</summary>
    internal Task ProbeAsync(CancellationToken cancellationToken) => calls.RunAsync("Probe", null, api.GetConfigAsync, cancellationToken);

    private Task<string> Trigger(string operation, string jobId, Func<CancellationToken, Task<TriggerWire>> call, CancellationToken cancellationToken) =>
        calls.RunAsync(operation, Job(jobId), async ct =>
            (await call(ct).ConfigureAwait(false)).RequestId is { Length: > 0 } trigger ? trigger : throw calls.Malformed(operation, "no request-id"),
            cancellationToken);

    private static string Job(string jobId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return $"job {jobId}";
    }

    private static string Savepoint(string jobId, string triggerId) => $"savepoint trigger {triggerId} of job {jobId}";
}
