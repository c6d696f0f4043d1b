using AiPlatform.Sdk.Training.Jobs;

namespace AiPlatform.Sdk.Training.Sweeps;

/// <summary>
/// A hyperparameter search: the program to train (a job template), the space to search, how to search it, the metric to optimise,
/// and how many trials run and at once. Each trial is a job on the configured backend and a child run of the sweep's run in the
/// tracker. A trial receives its parameters as <c>--{name}={value}</c> arguments after the template's, and as
/// <c>AIPLATFORM_PARAM_{NAME}</c> environment variables, and reports metrics by printing lines such as
/// <c>aiplatform.report step=3 loss=0.25 accuracy=0.9</c>.
/// </summary>
public sealed record SweepDefinition
{
    /// <summary>The tracker's experiment the sweep's runs go to (created when missing).</summary>
    public required string Experiment { get; init; }

    /// <summary>The sweep run's name; default <c>sweep-{time}</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The program every trial runs, before its parameters are added.</summary>
    public required JobSubmission Trial { get; init; }

    /// <summary>The hyperparameters and their domains.</summary>
    public required IReadOnlyDictionary<string, ParameterDomain> Space { get; init; }

    /// <summary>How trials' parameters are chosen. Default <see cref="SearchStrategy.Grid"/>.</summary>
    public SearchStrategy Strategy { get; init; } = SearchStrategy.Grid;

    /// <summary>The random strategy's seed: the same seed draws the same trials.</summary>
    public int Seed { get; init; }

    /// <summary>How many trials: the random strategy's count (required for it), a cap on the grid's combinations.</summary>
    public int? MaxTrials { get; init; }

    /// <summary>How many trials run at once. Default 1.</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>The reported metric that ranks trials (its last reported value).</summary>
    public required string Metric { get; init; }

    /// <summary>Whether a lower or higher <see cref="Metric"/> is better. Default <see cref="MetricGoal.Minimize"/>.</summary>
    public MetricGoal Goal { get; init; } = MetricGoal.Minimize;

    /// <summary>Stops trials whose metric falls behind at a rung; <see langword="null"/> lets every trial run to its end.</summary>
    public SuccessiveHalving? EarlyStopping { get; init; }

    /// <summary>How long one trial may run before it is stopped and counted as failed. Default: no limit.</summary>
    public TimeSpan? TrialTimeout { get; init; }
}

/// <summary>How a sweep chooses trials' parameters.</summary>
public enum SearchStrategy
{
    /// <summary>Every combination of the discrete domains, in order (the first domain varies slowest).</summary>
    Grid,

    /// <summary><see cref="SweepDefinition.MaxTrials"/> draws from every domain, seeded by <see cref="SweepDefinition.Seed"/>.</summary>
    Random,
}

/// <summary>Whether lower or higher is better.</summary>
public enum MetricGoal
{
    /// <summary>Lower is better (a loss).</summary>
    Minimize,

    /// <summary>Higher is better (an accuracy).</summary>
    Maximize,
}

/// <summary>
/// Successive halving, as Ray Tune's ASHA scheduler: rungs at <see cref="GracePeriod"/> × <see cref="ReductionFactor"/>^k steps below
/// <see cref="MaxSteps"/>; a trial reaching a rung continues only if its metric is within the best 1/<see cref="ReductionFactor"/>
/// of the values recorded there (it is stopped through the backend otherwise). Unlike Ray's, a trial is compared with the trials
/// started before it once they have passed that rung or ended, so the same trials give the same decisions however the backend
/// schedules them.
/// </summary>
/// <param name="GracePeriod">The first rung, in reported steps.</param>
/// <param name="ReductionFactor">The share kept at each rung is 1 / this; at least 2.</param>
/// <param name="MaxSteps">The step a trial ends at; rungs lie below it.</param>
public sealed record SuccessiveHalving(long GracePeriod, double ReductionFactor, long MaxSteps);
