namespace AiPlatform.Sdk.Training.Sweeps;

/// <summary>Runs hyperparameter sweeps: trials as jobs on the configured jobs backend, tracked as child runs of one sweep run.</summary>
public interface IHyperparameterSweeps
{
    /// <summary>Runs every trial of <paramref name="sweep"/> to its end (or early stop) and returns the best.</summary>
    /// <param name="sweep">The sweep.</param>
    /// <param name="progress">Receives each trial as it ends.</param>
    /// <param name="cancellationToken">Stops the running trials' jobs, ends their runs and the sweep's <c>KILLED</c>, and throws.</param>
    /// <returns>The sweep's trials and its best trial.</returns>
    /// <exception cref="ArgumentException">The space does not suit the strategy (a continuous domain in a grid, a random sweep without <see cref="SweepDefinition.MaxTrials"/>).</exception>
    Task<SweepResult> RunAsync(SweepDefinition sweep, IProgress<TrialResult>? progress = null, CancellationToken cancellationToken = default);
}
