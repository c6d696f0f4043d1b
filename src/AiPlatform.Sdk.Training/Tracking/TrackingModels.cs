namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>An experiment: a named group of runs.</summary>
/// <param name="Id">The experiment id (MLflow's ids are decimal strings).</param>
/// <param name="Name">The unique name.</param>
/// <param name="ArtifactLocation">Where the experiment's runs store artifacts.</param>
/// <param name="LifecycleStage"><c>active</c> or <c>deleted</c>.</param>
/// <param name="CreationTime">When it was created.</param>
/// <param name="LastUpdateTime">When it last changed.</param>
/// <param name="Tags">Its tags.</param>
public sealed record Experiment(
    string Id,
    string Name,
    string? ArtifactLocation,
    string LifecycleStage,
    DateTimeOffset? CreationTime,
    DateTimeOffset? LastUpdateTime,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>A run: its identity and state, and what was logged to it.</summary>
/// <param name="Info">Identity, status and times.</param>
/// <param name="Metrics">The latest value of each metric.</param>
/// <param name="Params">The parameters.</param>
/// <param name="Tags">The tags (MLflow's system tags such as <c>mlflow.runName</c> included).</param>
public sealed record Run(RunInfo Info, IReadOnlyList<Metric> Metrics, IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, string> Tags);

/// <summary>A run's identity, status and times.</summary>
/// <param name="RunId">The run id (32 hexadecimal characters).</param>
/// <param name="ExperimentId">The experiment.</param>
/// <param name="RunName">The run's name.</param>
/// <param name="Status">The status.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="EndTime">When it ended, if it has.</param>
/// <param name="ArtifactUri">Where its artifacts live.</param>
/// <param name="UserId">Who started it, if known.</param>
public sealed record RunInfo(
    string RunId,
    string ExperimentId,
    string? RunName,
    RunStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    string? ArtifactUri,
    string? UserId);

/// <summary>One value of a metric.</summary>
/// <param name="Key">The metric's name.</param>
/// <param name="Value">The value; NaN and infinities are kept, as MLflow keeps them.</param>
/// <param name="Timestamp">When it was measured.</param>
/// <param name="Step">The training step.</param>
public sealed record Metric(string Key, double Value, DateTimeOffset Timestamp, long Step = 0);

/// <summary>What a run search asks for, in MLflow's terms.</summary>
public sealed record RunQuery
{
    /// <summary>The experiments to search.</summary>
    public required IReadOnlyList<string> ExperimentIds { get; init; }

    /// <summary>
    /// MLflow's filter string, such as <c>metrics.accuracy &gt; 0.9 and params.model = 'resnet' and attributes.status = 'FINISHED'</c>;
    /// <see langword="null"/> for every run.
    /// </summary>
    public string? Filter { get; init; }

    /// <summary>Orderings such as <c>metrics.accuracy DESC</c> or <c>attributes.start_time</c>; newest first when empty.</summary>
    public IReadOnlyList<string> OrderBy { get; init; } = [];

    /// <summary>Runs per page fetched from the store; default 1000 (MLflow's default).</summary>
    public int PageSize { get; init; } = 1000;
}
