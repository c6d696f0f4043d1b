namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>
/// Experiment tracking as MLflow defines it: experiments, runs, metrics, params and tags. Backed by an MLflow server
/// (<c>AiPlatform:Training:Tracking:Endpoint</c>) or, without one, by the platform's embedded store. Thread-safe. Failures surface as
/// <see cref="AiPlatformException"/> subclasses: <see cref="AiPlatformNotFoundException"/> for an unknown experiment or run
/// (<c>RESOURCE_DOES_NOT_EXIST</c>), <see cref="AiPlatformValidationException"/> for invalid input (<c>INVALID_PARAMETER_VALUE</c>),
/// <see cref="AiPlatformConflictException"/> for a name taken (<c>RESOURCE_ALREADY_EXISTS</c>).
/// </summary>
public interface IExperimentTracker
{
    /// <summary>Creates an experiment.</summary>
    /// <param name="name">The unique name.</param>
    /// <param name="tags">Tags to set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The experiment's id.</returns>
    Task<string> CreateExperimentAsync(string name, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Reads an experiment.</summary>
    /// <param name="experimentId">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The experiment.</returns>
    Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken = default);

    /// <summary>Finds an experiment by name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The experiment, or <see langword="null"/> when there is none.</returns>
    Task<Experiment?> FindExperimentAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Lists the active experiments, page by page as the store returns them.</summary>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The experiments.</returns>
    IAsyncEnumerable<Experiment> SearchExperimentsAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets a tag on an experiment.</summary>
    /// <param name="experimentId">The experiment.</param>
    /// <param name="key">The tag.</param>
    /// <param name="value">Its value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the tag is stored.</returns>
    Task SetExperimentTagAsync(string experimentId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Creates a run in <see cref="RunStatus.Running"/>.</summary>
    /// <param name="experimentId">The experiment.</param>
    /// <param name="runName">The run's name; <see langword="null"/> lets the store choose.</param>
    /// <param name="tags">Tags to set.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run.</returns>
    Task<Run> CreateRunAsync(string experimentId, string? runName = null, IReadOnlyDictionary<string, string>? tags = null, CancellationToken cancellationToken = default);

    /// <summary>Sets a run's status, and its end time when the status is terminal.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="status">The new status.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run's updated info.</returns>
    Task<RunInfo> UpdateRunAsync(string runId, RunStatus status, CancellationToken cancellationToken = default);

    /// <summary>Reads a run with its latest metrics, params and tags.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The run.</returns>
    Task<Run> GetRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Searches runs with MLflow's filter and order-by syntax, page by page as the store returns them.</summary>
    /// <param name="query">The experiments, filter and order.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The matching runs.</returns>
    IAsyncEnumerable<Run> SearchRunsAsync(RunQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Logs metrics, params and tags to a run. Batches beyond MLflow's limits (1000 metrics, 100 params, 100 tags, 1000 items per
    /// request) are split, in order.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="metrics">Metric values.</param>
    /// <param name="parameters">Params; a param cannot change once logged.</param>
    /// <param name="tags">Tags.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when every item is stored.</returns>
    Task LogBatchAsync(
        string runId,
        IReadOnlyList<Metric>? metrics = null,
        IReadOnlyDictionary<string, string>? parameters = null,
        IReadOnlyDictionary<string, string>? tags = null,
        CancellationToken cancellationToken = default);

    /// <summary>Reads every value logged for a metric, in logging order.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="key">The metric.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The values.</returns>
    Task<IReadOnlyList<Metric>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken = default);
}
