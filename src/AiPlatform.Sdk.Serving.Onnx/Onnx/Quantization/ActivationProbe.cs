using Google.Protobuf;
using Onnx;

namespace AiPlatform.Sdk.Serving.Onnx.Quantization;

/// <summary>
/// Measures the channel ranges of a model's activations: <see cref="ActivationCalibrator"/> runs the probe model (the float model
/// with the named activations added to its outputs) on representative inputs and returns each activation's largest magnitude per
/// channel (its last dimension).
/// </summary>
/// <param name="probeModel">The ONNX bytes of the probe model.</param>
/// <param name="activations">The activations the probe model also outputs.</param>
/// <returns>The largest magnitude per channel, by activation name; activations left out are estimated or not smoothed.</returns>
internal delegate IReadOnlyDictionary<string, float[]> ActivationCalibrator(byte[] probeModel, IReadOnlyList<string> activations);

/// <summary>Builds the probe model an <see cref="ActivationCalibrator"/> runs.</summary>
internal static class ActivationProbe
{
    /// <summary>Returns a copy of <paramref name="model"/> that also outputs <paramref name="activations"/> (float tensors).</summary>
    public static byte[] Create(ModelProto model, IReadOnlyList<string> activations)
    {
        var probe = model.Clone();
        var outputs = probe.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in activations.Where(a => !outputs.Contains(a)))
        {
            probe.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
            });
        }

        return probe.ToByteArray();
    }

    /// <summary>Raises <paramref name="range"/> to the largest magnitude per channel (last dimension) of <paramref name="values"/>.</summary>
    public static void Accumulate(ReadOnlySpan<float> values, Span<float> range)
    {
        for (var offset = 0; offset + range.Length <= values.Length; offset += range.Length)
        {
            var row = values.Slice(offset, range.Length);
            for (var k = 0; k < range.Length; k++)
            {
                range[k] = MathF.Max(range[k], MathF.Abs(row[k]));
            }
        }
    }
}
