namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>One input or output of a model, as the model declares it.</summary>
/// <param name="Name">The name runs refer to it by.</param>
/// <param name="ElementType">The element type, such as <see cref="float"/> or <see cref="long"/>; <see langword="null"/> for non-tensor values.</param>
/// <param name="Dimensions">The shape; -1 marks a dimension the caller chooses (batch, sequence length).</param>
/// <param name="SymbolicDimensions">The names of the dimensions, such as <c>batch_size</c>; empty strings where unnamed.</param>
public sealed record OnnxTensorMetadata(string Name, Type? ElementType, IReadOnlyList<int> Dimensions, IReadOnlyList<string> SymbolicDimensions)
{
    /// <summary>Whether a tensor of <paramref name="shape"/> fits the declared shape (same rank, equal fixed dimensions).</summary>
    /// <param name="shape">The shape to check.</param>
    /// <returns><see langword="true"/> when it fits.</returns>
    public bool Accepts(ReadOnlySpan<long> shape)
    {
        if (shape.Length != Dimensions.Count)
        {
            return false;
        }

        for (var i = 0; i < shape.Length; i++)
        {
            if (Dimensions[i] >= 0 && Dimensions[i] != shape[i])
            {
                return false;
            }
        }

        return true;
    }
}
