using System.Numerics.Tensors;
using Onnx;

namespace AiPlatform.Sdk.Serving.Onnx.Quantization;

/// <summary>
/// SmoothQuant (α = 0.5) for the per-tensor int8 quantization of an activation: dividing channel <c>k</c> by
/// <c>sₖ = √(rangeₖ / max|W[k, :]|)</c> and multiplying weight row <c>k</c> by it leaves the product unchanged and splits the
/// range between activation and weight, so that a few outlier channels (which transformer models have) no longer set one scale
/// for all. The range of each channel is measured by calibration when the caller can run the model; otherwise, for an activation
/// that leaves a layer normalisation (<c>LayerNormalization</c>, or its decomposed form ending in <c>Mul(·, γ)</c> →
/// <c>Add(·, β)</c>), it is estimated as <c>4·|γₖ| + |βₖ|</c>.
/// </summary>
internal static class ActivationSmoothing
{
    /// <summary>How many standard deviations of the normalised value the estimate covers.</summary>
    private const float Spread = 4f;

    /// <summary>
    /// The per-channel divisors for <paramref name="activation"/>, or <see langword="null"/> without a measured range or a layer
    /// normalisation to estimate one from, or when a consumer's rows do not match its channels.
    /// </summary>
    public static float[]? For(
        string activation, IReadOnlyList<TensorProto> weights, float[]? measuredRange,
        IReadOnlyDictionary<string, NodeProto> producers, IReadOnlyDictionary<string, TensorProto> initializers)
    {
        var range = measuredRange ?? Estimate(activation, producers, initializers);
        if (range is null || weights.Any(w => w.Dims[0] != range.Length))
        {
            return null;
        }

        var weightRange = new float[range.Length];
        foreach (var weight in weights)
        {
            var values = DynamicInt8Rewriter.ReadFloats(weight);
            var columns = (int)weight.Dims[1];
            for (var k = 0; k < weightRange.Length; k++)
            {
                weightRange[k] = MathF.Max(weightRange[k], MathF.Abs(TensorPrimitives.MaxMagnitude(values.AsSpan(k * columns, columns))));
            }
        }

        var smoothing = new float[range.Length];
        for (var k = 0; k < smoothing.Length; k++)
        {
            smoothing[k] = range[k] > 0 && weightRange[k] > 0 ? MathF.Sqrt(range[k] / weightRange[k]) : 1f;
        }

        return smoothing;
    }

    private static float[]? Estimate(string activation, IReadOnlyDictionary<string, NodeProto> producers, IReadOnlyDictionary<string, TensorProto> initializers) =>
        TryGetAffine(activation, producers, initializers, out var gamma, out var beta)
            ? [.. gamma.Select((g, k) => (MathF.Abs(g) * Spread) + MathF.Abs(beta?[k] ?? 0))]
            : null;

    private static bool TryGetAffine(
        string activation, IReadOnlyDictionary<string, NodeProto> producers, IReadOnlyDictionary<string, TensorProto> initializers, out float[] gamma, out float[]? beta)
    {
        gamma = [];
        beta = null;
        if (!producers.TryGetValue(activation, out var node))
        {
            return false;
        }

        if (node.OpType == "LayerNormalization" && node.Input.Count >= 2 && Vector(node.Input[1], initializers) is { } scale)
        {
            gamma = scale;
            beta = node.Input.Count > 2 ? Vector(node.Input[2], initializers) : null;
            return true;
        }

        if (node.OpType != "Add" || node.Input.Count != 2)
        {
            return false;
        }

        foreach (var (shift, scaled) in new[] { (node.Input[1], node.Input[0]), (node.Input[0], node.Input[1]) })
        {
            if (Vector(shift, initializers) is { } b && producers.TryGetValue(scaled, out var mul) && mul.OpType == "Mul" && mul.Input.Count == 2
                && (Vector(mul.Input[1], initializers) ?? Vector(mul.Input[0], initializers)) is { } g && g.Length == b.Length)
            {
                gamma = g;
                beta = b;
                return true;
            }
        }

        return false;
    }

    private static float[]? Vector(string name, IReadOnlyDictionary<string, TensorProto> initializers) =>
        initializers.TryGetValue(name, out var tensor) && tensor.Dims.Count == 1 ? DynamicInt8Rewriter.ReadFloats(tensor) : null;
}
