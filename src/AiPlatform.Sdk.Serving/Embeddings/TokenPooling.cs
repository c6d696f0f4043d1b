using System.Numerics.Tensors;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>Pools token vectors into one vector (mean over the attention mask, or the first token), with optional L2 normalisation.</summary>
internal static class TokenPooling
{
    /// <summary>Pools the first <paramref name="tokenCount"/> rows of <paramref name="tokens"/> (rows of <paramref name="destination"/>'s length).</summary>
    public static void Pool(ReadOnlySpan<float> tokens, int tokenCount, Span<float> destination, EmbeddingPooling pooling, bool normalize)
    {
        var dimensions = destination.Length;
        if (pooling == EmbeddingPooling.Cls)
        {
            tokens[..dimensions].CopyTo(destination);
        }
        else
        {
            destination.Clear();
            for (var t = 0; t < tokenCount; t++)
            {
                TensorPrimitives.Add(destination, tokens.Slice(t * dimensions, dimensions), destination);
            }

            TensorPrimitives.Multiply(destination, 1f / Math.Max(tokenCount, 1), destination);
        }

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
