using AiPlatform.Sdk.Serving.Inference.Protocol;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Inference statistics of one model version (Triton's statistics extension).</summary>
/// <param name="Name">The model's name.</param>
/// <param name="Version">The model's version.</param>
/// <param name="LastInference">When the model last ran; <see langword="null"/> if it never has.</param>
/// <param name="InferenceCount">Inferences run, counting each batched request's items.</param>
/// <param name="ExecutionCount">Model executions; lower than <paramref name="InferenceCount"/> when requests were batched.</param>
/// <param name="Success">Successful requests and their total time.</param>
/// <param name="Fail">Failed requests and their total time.</param>
/// <param name="Queue">Time requests waited in the queue.</param>
/// <param name="ComputeInput">Time spent preparing inputs.</param>
/// <param name="ComputeInfer">Time spent running the model.</param>
/// <param name="ComputeOutput">Time spent extracting outputs.</param>
public sealed record InferenceStatistics(
    string Name,
    string Version,
    DateTimeOffset? LastInference,
    long InferenceCount,
    long ExecutionCount,
    InferenceDuration Success,
    InferenceDuration Fail,
    InferenceDuration Queue,
    InferenceDuration ComputeInput,
    InferenceDuration ComputeInfer,
    InferenceDuration ComputeOutput)
{
    internal static InferenceStatistics From(ModelStatistics stats)
    {
        var infer = stats.InferenceStats ?? new InferStatistics();
        return new(
            stats.Name,
            stats.Version,
            stats.LastInference == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds((long)stats.LastInference),
            (long)stats.InferenceCount,
            (long)stats.ExecutionCount,
            InferenceDuration.From(infer.Success),
            InferenceDuration.From(infer.Fail),
            InferenceDuration.From(infer.Queue),
            InferenceDuration.From(infer.ComputeInput),
            InferenceDuration.From(infer.ComputeInfer),
            InferenceDuration.From(infer.ComputeOutput));
    }
}

/// <summary>A count of events and the time they took together.</summary>
/// <param name="Count">How many.</param>
/// <param name="Total">Their summed duration.</param>
public readonly record struct InferenceDuration(long Count, TimeSpan Total)
{
    internal static InferenceDuration From(StatisticDuration? duration) =>
        duration is null ? default : new((long)duration.Count, TimeSpan.FromTicks((long)(duration.Ns / 100)));
}
