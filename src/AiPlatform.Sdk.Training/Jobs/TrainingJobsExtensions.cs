namespace AiPlatform.Sdk.Training.Jobs;

/// <summary>Conveniences over <see cref="ITrainingJobs"/> that every backend shares.</summary>
public static class TrainingJobsExtensions
{
    /// <summary>Waits until a job has ended, polling its state.</summary>
    /// <param name="jobs">The jobs.</param>
    /// <param name="jobId">The job's id.</param>
    /// <param name="timeout">How long to wait; <see cref="Timeout.InfiniteTimeSpan"/> for as long as it takes.</param>
    /// <param name="pollInterval">How often to ask; default half a second.</param>
    /// <param name="cancellationToken">Stops waiting (the job goes on).</param>
    /// <returns>The ended job.</returns>
    /// <exception cref="TimeoutException">The job had not ended within <paramref name="timeout"/>; it goes on running.</exception>
    public static async Task<TrainingJob> WaitAsync(
        this ITrainingJobs jobs, string jobId, TimeSpan timeout, TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            deadline.CancelAfter(timeout);
        }

        var interval = pollInterval ?? TimeSpan.FromMilliseconds(500);
        TrainingJob? job = null;
        try
        {
            while (true)
            {
                job = await jobs.GetAsync(jobId, deadline.Token).ConfigureAwait(false);
                if (job.HasEnded)
                {
                    return job;
                }

                await Task.Delay(interval, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Job '{jobId}' had not ended after {timeout} (last state: {job?.State.ToString() ?? "unknown"}); it goes on running.");
        }
    }
}
