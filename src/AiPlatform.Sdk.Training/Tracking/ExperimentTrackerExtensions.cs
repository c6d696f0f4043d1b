namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>Run scopes over <see cref="IExperimentTracker"/>, as <c>mlflow.start_run()</c> gives Python users.</summary>
public static class ExperimentTrackerExtensions
{
    /// <summary>
    /// Starts a run in the experiment named <paramref name="experimentName"/> (created when missing). Dispose the scope to send its
    /// metrics and end the run: <c>await using var run = await tracker.StartRunAsync("churn", "baseline");</c>
    /// </summary>
    /// <param name="tracker">The tracker.</param>
    /// <param name="experimentName">The experiment's name.</param>
    /// <param name="runName">The run's name; <see langword="null"/> lets the store choose.</param>
    /// <param name="metricFlushInterval">How often buffered metrics are sent; default one second.</param>
    /// <param name="cancellationToken">Cancels starting the run.</param>
    /// <returns>The run scope.</returns>
    public static async Task<ActiveRun> StartRunAsync(
        this IExperimentTracker tracker, string experimentName, string? runName = null, TimeSpan? metricFlushInterval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentException.ThrowIfNullOrWhiteSpace(experimentName);
        var experimentId = (await tracker.FindExperimentAsync(experimentName, cancellationToken).ConfigureAwait(false))?.Id;
        if (experimentId is null)
        {
            try
            {
                experimentId = await tracker.CreateExperimentAsync(experimentName, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (AiPlatformConflictException)
            {
                // Created meanwhile by another caller.
                experimentId = (await tracker.FindExperimentAsync(experimentName, cancellationToken).ConfigureAwait(false))!.Id;
            }
        }

        var run = await tracker.CreateRunAsync(experimentId, runName, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ActiveRun(tracker, run, metricFlushInterval ?? TimeSpan.FromSeconds(1));
    }

    /// <summary>
    /// Runs <paramref name="body"/> inside a run scope: the run ends <see cref="RunStatus.Finished"/> when it returns and
    /// <see cref="RunStatus.Failed"/> when it throws (the exception is rethrown), with every logged metric sent either way.
    /// </summary>
    /// <param name="tracker">The tracker.</param>
    /// <param name="experimentName">The experiment's name.</param>
    /// <param name="runName">The run's name.</param>
    /// <param name="body">The training code.</param>
    /// <param name="cancellationToken">Passed to <paramref name="body"/>.</param>
    /// <returns>The run's id.</returns>
    public static async Task<string> TrackRunAsync(
        this IExperimentTracker tracker, string experimentName, string? runName, Func<ActiveRun, CancellationToken, Task> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        await using var run = await tracker.StartRunAsync(experimentName, runName, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await body(run, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            run.Fail();
            throw;
        }

        return run.RunId;
    }
}
