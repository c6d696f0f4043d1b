using System.Globalization;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Serving.Onnx;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// Bounds the work of one request, not only its bytes: the dimensions a model leaves open are limited before any tensor is
/// built. The batch (first open dimension of an input of rank 2 or more) by the configuration's <c>max_batch_size</c>, else
/// <see cref="InferenceServerSettings.MaxBatchSize"/>; every other open dimension by the configuration's
/// <c>max_sequence_length</c> parameter, else <see cref="InferenceServerSettings.MaxSequenceLength"/>.
/// </summary>
internal static class InferenceBounds
{
    /// <summary>The model configuration parameter that sets a model's sequence-length limit.</summary>
    public const string MaxSequenceLengthParameter = "max_sequence_length";

    /// <summary>The batch and sequence limits of a model.</summary>
    public static (int Batch, int Sequence) Of(ModelConfig config, InferenceServerSettings settings) =>
        (config.MaxBatchSize > 0 ? config.MaxBatchSize : settings.MaxBatchSize,
         config.Parameters.TryGetValue(MaxSequenceLengthParameter, out var parameter) &&
         int.TryParse(parameter.StringValue, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) && sequence > 0
             ? sequence
             : settings.MaxSequenceLength);

    /// <summary>Throws INVALID_ARGUMENT, naming the limit, when <paramref name="shape"/> exceeds the model's limits.</summary>
    /// <exception cref="InferenceProtocolException">A dimension is negative or beyond its limit.</exception>
    public static void Check(ServedModel model, OnnxTensorMetadata declared, long[] shape)
    {
        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] < 0)
            {
                throw InferenceProtocolException.Invalid($"input '{declared.Name}' has a negative dimension {shape[i]} at position {i}");
            }

            if (declared.Dimensions[i] >= 0)
            {
                continue;
            }

            var batch = i == 0 && shape.Length > 1;
            var limit = batch ? model.Limits.Batch : model.Limits.Sequence;
            if (shape[i] > limit)
            {
                throw InferenceProtocolException.Invalid(batch
                    ? $"inference request batch-size {shape[i]} of input '{declared.Name}' must be <= {limit} for model '{model.Name}'"
                    : $"dimension {i} of input '{declared.Name}' is {shape[i]}, longer than the maximum sequence length {limit} of model '{model.Name}'");
            }
        }
    }
}
