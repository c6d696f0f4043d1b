namespace AiPlatform.Sdk.Data.Platform.Flink;

/// <summary>
/// Apache Flink's JobManager REST API: jars uploaded and run, jobs listed, read, cancelled or stopped with a savepoint, savepoints
/// triggered and awaited, job failures read. Failures arrive as <see cref="AiPlatformException"/> subclasses:
/// <see cref="AiPlatformNotFoundException"/> naming the job, jar or savepoint trigger, <see cref="AiPlatformValidationException"/> for a
/// request Flink refuses (400), <see cref="AiPlatformUnauthorizedException"/> and <see cref="AiPlatformForbiddenException"/> from an
/// authenticating proxy, and an <see cref="AiPlatformException"/> with <c>ErrorCode</c> <c>SavepointFailed</c> or <c>MalformedResponse</c>.
/// </summary>
public interface IFlinkClient
{
    /// <summary>
    /// Uploads a jar (<c>POST /jars/upload</c>, the multipart part <c>jarfile</c>), streaming it from <paramref name="jar"/> without
    /// buffering it in memory. The upload is not retried: the stream is read once, and disposed with the request.
    /// </summary>
    /// <param name="jar">The jar's bytes, read to the end.</param>
    /// <param name="fileName">The file name Flink stores it under (its id is derived from it), such as <c>wordcount.jar</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jar's id, to pass to <see cref="RunJarAsync"/>.</returns>
    Task<string> UploadJarAsync(Stream jar, string fileName, CancellationToken cancellationToken = default);

    /// <summary>Lists the uploaded jars with their entry classes (<c>GET /jars</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jars.</returns>
    Task<IReadOnlyList<FlinkJar>> ListJarsAsync(CancellationToken cancellationToken = default);

    /// <summary>Submits a job by running an uploaded jar (<c>POST /jars/{jarid}/run</c>).</summary>
    /// <param name="jarId">The jar's id from <see cref="UploadJarAsync"/> or <see cref="ListJarsAsync"/>.</param>
    /// <param name="request">Entry class, arguments, parallelism, savepoint to restore; <see langword="null"/> runs the jar's manifest entry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The submitted job's id.</returns>
    Task<string> RunJarAsync(string jarId, FlinkJarRunRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>Lists every job the JobManager knows, running or archived (<c>GET /jobs/overview</c>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The jobs with their states and task counts.</returns>
    Task<IReadOnlyList<FlinkJobOverview>> ListJobsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a job's details (<c>GET /jobs/{jobid}</c>).</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job with its vertices.</returns>
    Task<FlinkJobDetails> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Cancels a job without a savepoint (<c>PATCH /jobs/{jobid}?mode=cancel</c>); the job becomes <c>CANCELED</c> shortly after.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when Flink has accepted the cancellation.</returns>
    Task CancelJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Reads a job's most recent failures (<c>GET /jobs/{jobid}/exceptions</c>).</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="maxExceptions">The most failures to return; <see langword="null"/> for the JobManager's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The failures, newest first.</returns>
    Task<FlinkJobExceptions> GetJobExceptionsAsync(string jobId, int? maxExceptions = null, CancellationToken cancellationToken = default);

    /// <summary>Triggers a savepoint (<c>POST /jobs/{jobid}/savepoints</c>), cancelling the job afterwards when asked.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="targetDirectory">Where to write it; <see langword="null"/> uses the cluster's <c>state.savepoints.dir</c>.</param>
    /// <param name="cancelJob">Cancel the job once the savepoint is written.</param>
    /// <param name="format">The savepoint's format; <see langword="null"/> for Flink's default (canonical).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The trigger id, for <see cref="GetSavepointStatusAsync"/> and <see cref="WaitForSavepointAsync"/>.</returns>
    Task<string> TriggerSavepointAsync(
        string jobId, string? targetDirectory = null, bool cancelJob = false, FlinkSavepointFormat? format = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stops a job gracefully with a savepoint (<c>POST /jobs/{jobid}/stop</c>): sources stop, the savepoint is written, the job
    /// becomes <c>FINISHED</c>. Await it with <see cref="WaitForSavepointAsync"/>.
    /// </summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="targetDirectory">Where to write the savepoint; <see langword="null"/> uses the cluster's default.</param>
    /// <param name="drain">Emit <c>MAX_WATERMARK</c> first, firing every pending timer (for a job that will not be resumed).</param>
    /// <param name="format">The savepoint's format; <see langword="null"/> for Flink's default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The trigger id.</returns>
    Task<string> StopWithSavepointAsync(
        string jobId, string? targetDirectory = null, bool drain = false, FlinkSavepointFormat? format = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the state of a savepoint operation (<c>GET /jobs/{jobid}/savepoints/{triggerid}</c>).</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="triggerId">The trigger id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>In progress, or completed with its location or failure.</returns>
    Task<FlinkSavepointStatus> GetSavepointStatusAsync(string jobId, string triggerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls a savepoint operation until it completes. A failed savepoint throws <see cref="AiPlatformException"/> with
    /// <c>ErrorCode</c> <c>SavepointFailed</c> and the failure cause in its message; cancelling stops the polling (the savepoint goes on).
    /// </summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="triggerId">The trigger id.</param>
    /// <param name="progress">Receives every status read.</param>
    /// <param name="pollInterval">How often to read; <see langword="null"/> uses the settings' <c>PollInterval</c>.</param>
    /// <param name="cancellationToken">Cancels the waiting.</param>
    /// <returns>The completed status with the savepoint's location.</returns>
    Task<FlinkSavepointStatus> WaitForSavepointAsync(
        string jobId, string triggerId, IProgress<FlinkSavepointStatus>? progress = null, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default);
}
