namespace AiPlatform.Sdk.Training.Jobs;

/// <summary>
/// Training jobs on the configured backend: child processes on this machine (the embedded default), Ray's job server, or Kubeflow
/// Pipelines — the same calls on each, chosen by <c>AiPlatform:Training:Jobs</c> (see <see cref="JobsSettings"/>).
/// Every method throws <see cref="AiPlatformNotFoundException"/> for an unknown job, <see cref="AiPlatformValidationException"/> for a
/// submission the backend cannot run, and <see cref="AiPlatformException"/> when the backend cannot be reached.
/// </summary>
public interface ITrainingJobs
{
    /// <summary>Submits a job; it starts when the backend has room for it.</summary>
    /// <param name="submission">The command, its arguments, environment, working directory and resources.</param>
    /// <param name="cancellationToken">Cancels the submission (not the job once submitted).</param>
    /// <returns>The job as first recorded, usually <see cref="JobState.Pending"/> or <see cref="JobState.Running"/>.</returns>
    Task<TrainingJob> SubmitAsync(JobSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>Gets a job's current state.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    Task<TrainingJob> GetAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Lists the backend's jobs, newest first where the backend orders them; paging is done underneath.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The jobs.</returns>
    IAsyncEnumerable<TrainingJob> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads a job's output line by line; with <paramref name="follow"/>, keeps reading while the job runs and ends when it ends.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="follow">Whether to follow a running job's output until the job ends.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The output's lines, without line terminators.</returns>
    IAsyncEnumerable<string> ReadLogsAsync(string jobId, bool follow = false, CancellationToken cancellationToken = default);

    /// <summary>Stops a job: asks it to end, then ends it forcibly after the backend's grace period. Stopping an ended job changes nothing.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job after the request; its state may still be <see cref="JobState.Stopping"/>.</returns>
    Task<TrainingJob> StopAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an ended job's record and output.</summary>
    /// <param name="jobId">The job's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    /// <exception cref="AiPlatformConflictException">The job has not ended.</exception>
    Task DeleteAsync(string jobId, CancellationToken cancellationToken = default);
}
