using AiPlatform.Sdk.Data.ObjectStore;

namespace DataPlatformFlow;

/// <summary>The platform's own model, whose predictions become Label Studio pre-annotations.</summary>
public interface IPreAnnotator
{
    /// <summary>The model version Label Studio records with each prediction.</summary>
    string ModelVersion { get; }

    /// <summary>Predicts one of the flow's labels for a stored object.</summary>
    /// <param name="item">The object.</param>
    /// <param name="labels">The labels to choose from.</param>
    /// <param name="cancellationToken">Cancels the prediction.</param>
    /// <returns>The label and the model's confidence.</returns>
    ValueTask<(string Label, double Score)> PredictAsync(ObjectInfo item, IReadOnlyList<string> labels, CancellationToken cancellationToken);
}

/// <summary>
/// A stand-in model that needs no weights: objects larger than <c>threshold</c> bytes get the first label, the others the second. A real
/// application predicts with the Serving layer's <c>IInferenceClient</c> on the object's bytes instead.
/// </summary>
public sealed class SizePreAnnotator(long threshold) : IPreAnnotator
{
    /// <inheritdoc/>
    public string ModelVersion => $"size-{threshold}";

    /// <inheritdoc/>
    public ValueTask<(string Label, double Score)> PredictAsync(ObjectInfo item, IReadOnlyList<string> labels, CancellationToken cancellationToken) =>
        ValueTask.FromResult((item.Size > threshold ? labels[0] : labels[1], 0.8));
}
