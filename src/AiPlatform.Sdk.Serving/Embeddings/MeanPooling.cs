using System.Numerics.Tensors;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>Mean pooling of token vectors over the attention mask, with optional L2 normalisation.</summary>
internal static class MeanPooling
{
    /// <summary>Averages the first <paramref name="tokenCount"/> rows of <paramref name="tokens"/> (rows of <paramref name="destination"/>'s length).</summary>
    public static void Pool(ReadOnlySpan<float> tokens, int tokenCount, Span<float> destination, bool normalize)
    {
        var dimensions = destination.Length;
        destination.Clear();
        for (var t = 0; t < tokenCount; t++)
        {
            TensorPrimitives.Add(destination, tokens.Slice(t * dimensions, dimensions), destination);
        }

        TensorPrimitives.Multiply(destination, 1f / Math.Max(tokenCount, 1), destination);
        if (normalize)
        {
            var norm = TensorPrimitives.Norm(destination);
            if (norm > 0)
            {
                TensorPrimitives.Multiply(destination, 1f / norm, destination);
            }
        }
    }
}
