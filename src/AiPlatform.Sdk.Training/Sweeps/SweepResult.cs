namespace AiPlatform.Sdk.Training.Sweeps;

/// <summary>What a sweep found: its run in the tracker, every trial, and the best one.</summary>
/// <param name="RunId">The sweep's (parent) run.</param>
/// <param name="Trials">Every trial, by number.</param>
/// <param name="Best">The best trial that succeeded (by its last value of the metric), or <see langword="null"/> when none did.</param>
public sealed record SweepResult(string RunId, IReadOnlyList<TrialResult> Trials, TrialResult? Best);

/// <summary>One trial of a sweep.</summary>
/// <param name="Number">The trial's number, from 0 in the order trials started.</param>
/// <param name="Parameters">Its hyperparameters.</param>
/// <param name="RunId">Its child run in the tracker.</param>
/// <param name="JobId">Its job on the backend.</param>
/// <param name="State">How it ended.</param>
/// <param name="Metric">The last value it reported of the sweep's metric, if any.</param>
/// <param name="Step">The last step it reported.</param>
public sealed record TrialResult(int Number, IReadOnlyDictionary<string, string> Parameters, string RunId, string JobId, TrialState State, double? Metric, long? Step);

/// <summary>How a trial ended.</summary>
public enum TrialState
{
    /// <summary>Its job ended successfully.</summary>
    Succeeded,

    /// <summary>Its job failed, was lost or ran past the trial timeout.</summary>
    Failed,

    /// <summary>Successive halving stopped it at a rung.</summary>
    EarlyStopped,
}
