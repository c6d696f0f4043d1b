using System.Text.Json.Nodes;

namespace AiPlatform.Sdk.Training.Jobs.Kubeflow;

/// <summary>A Kubeflow Pipelines experiment.</summary>
/// <param name="Id">The experiment id.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="Namespace">Its profile namespace (multi-user deployments).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record KubeflowExperiment(string Id, string DisplayName, string? Namespace, DateTimeOffset? CreatedAt);

/// <summary>An uploaded pipeline.</summary>
/// <param name="Id">The pipeline id.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record KubeflowPipeline(string Id, string DisplayName, DateTimeOffset? CreatedAt);

/// <summary>A version of a pipeline.</summary>
/// <param name="PipelineId">The pipeline.</param>
/// <param name="Id">The version id.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record KubeflowPipelineVersion(string PipelineId, string Id, string DisplayName, DateTimeOffset? CreatedAt);

/// <summary>A run's state as Kubeflow Pipelines reports it (<c>V2beta1RuntimeState</c>); an open set.</summary>
/// <param name="Value">The server's name, such as <c>RUNNING</c>.</param>
public readonly record struct KubeflowRunState(string Value)
{
    /// <summary>Waiting to start.</summary>
    public static KubeflowRunState Pending { get; } = new("PENDING");

    /// <summary>Running.</summary>
    public static KubeflowRunState Running { get; } = new("RUNNING");

    /// <summary>Ended successfully.</summary>
    public static KubeflowRunState Succeeded { get; } = new("SUCCEEDED");

    /// <summary>Skipped (cached).</summary>
    public static KubeflowRunState Skipped { get; } = new("SKIPPED");

    /// <summary>Failed.</summary>
    public static KubeflowRunState Failed { get; } = new("FAILED");

    /// <summary>Being terminated.</summary>
    public static KubeflowRunState Canceling { get; } = new("CANCELING");

    /// <summary>Terminated.</summary>
    public static KubeflowRunState Canceled { get; } = new("CANCELED");

    /// <summary>Paused.</summary>
    public static KubeflowRunState Paused { get; } = new("PAUSED");

    /// <inheritdoc/>
    public override string ToString() => Value;
}

/// <summary>A pipeline run.</summary>
/// <param name="Id">The run id.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="ExperimentId">Its experiment.</param>
/// <param name="State">Its state.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="FinishedAt">When it ended, if it has.</param>
/// <param name="Error">The server's error message for a failed run.</param>
/// <param name="Archived">Whether it is archived.</param>
/// <param name="Description">Its description.</param>
public sealed record KubeflowRun(string Id, string DisplayName, string? ExperimentId, KubeflowRunState State, DateTimeOffset? CreatedAt, DateTimeOffset? FinishedAt, string? Error, bool Archived, string? Description);

/// <summary>A run to create: from an uploaded pipeline version, or from an inline pipeline spec (the compiled IR as JSON).</summary>
public sealed record KubeflowRunRequest
{
    /// <summary>The run's name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The experiment; default: the settings' <c>Kubeflow:ExperimentId</c>, else the namespace's default experiment.</summary>
    public string? ExperimentId { get; init; }

    /// <summary>The run's description.</summary>
    public string? Description { get; init; }

    /// <summary>The pipeline to run (with <see cref="PipelineVersionId"/>); or leave both unset and give <see cref="PipelineSpec"/>.</summary>
    public string? PipelineId { get; init; }

    /// <summary>The pipeline version to run.</summary>
    public string? PipelineVersionId { get; init; }

    /// <summary>An inline pipeline spec (KFP's compiled IR, <c>pipeline_spec</c>) instead of an uploaded version.</summary>
    public JsonObject? PipelineSpec { get; init; }

    /// <summary>The pipeline's runtime parameters (<c>runtime_config.parameters</c>).</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();

    /// <summary>Where the run writes its artifacts (<c>runtime_config.pipeline_root</c>); default the deployment's.</summary>
    public string? PipelineRoot { get; init; }

    /// <summary>The Kubernetes service account the run's pods use.</summary>
    public string? ServiceAccount { get; init; }
}

/// <summary>Which runs to list.</summary>
/// <param name="ExperimentId">Only this experiment's runs.</param>
/// <param name="Filter">A KFP filter: the JSON of its <c>Filter</c> message, such as <c>{"predicates":[{"key":"display_name","operation":"EQUALS","string_value":"nightly"}]}</c>.</param>
/// <param name="SortBy">Such as <c>created_at desc</c>.</param>
public sealed record KubeflowRunQuery(string? ExperimentId = null, string? Filter = null, string? SortBy = null);

/// <summary>A recurring run: a pipeline version run on a cron or interval trigger.</summary>
/// <param name="Id">Its id.</param>
/// <param name="DisplayName">Its name.</param>
/// <param name="Enabled">Whether its trigger is on.</param>
/// <param name="Cron">Its cron schedule, if it has one.</param>
/// <param name="IntervalSeconds">Its period, if it has one.</param>
public sealed record KubeflowRecurringRun(string Id, string DisplayName, bool Enabled, string? Cron, long? IntervalSeconds);

/// <summary>A recurring run to create: exactly one of <see cref="Cron"/> and <see cref="Interval"/>.</summary>
public sealed record KubeflowRecurringRunRequest
{
    /// <summary>Its name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The pipeline.</summary>
    public required string PipelineId { get; init; }

    /// <summary>The pipeline version.</summary>
    public required string PipelineVersionId { get; init; }

    /// <summary>A cron expression with seconds, as KFP reads it (<c>0 0 2 * * *</c>: at 02:00 every day).</summary>
    public string? Cron { get; init; }

    /// <summary>A period between runs.</summary>
    public TimeSpan? Interval { get; init; }

    /// <summary>Runs at once at most. Default 1.</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>The experiment; default as for runs.</summary>
    public string? ExperimentId { get; init; }

    /// <summary>The pipeline's runtime parameters.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();
}
