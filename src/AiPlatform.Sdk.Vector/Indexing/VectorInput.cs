using System.Numerics.Tensors;

namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>Checks vectors and queries before anything changes, with messages that name the problem.</summary>
internal static class VectorInput
{
    public static void Check(ReadOnlySpan<float> vector, int dimension, DistanceMetric metric, string parameterName)
    {
        if (vector.Length != dimension)
        {
            throw new ArgumentException($"The vector has {vector.Length} dimensions but the index expects {dimension}.", parameterName);
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new ArgumentException($"The vector holds {vector[i]} at position {i}; only finite values are allowed.", parameterName);
            }
        }

        if (metric == DistanceMetric.Cosine && TensorPrimitives.SumOfSquares(vector) == 0)
        {
            throw new ArgumentException("The vector is all zeros, which has no direction under the cosine metric.", parameterName);
        }
    }

    public static void CheckK(int k)
    {
        if (k <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k (the number of results) must be positive.");
        }
    }

    /// <summary>Returns the vector as the index stores it: normalized under cosine, unchanged otherwise.</summary>
    public static float[] Prepare(ReadOnlySpan<float> vector, DistanceMetric metric)
    {
        var copy = vector.ToArray();
        if (metric == DistanceMetric.Cosine)
        {
            TensorPrimitives.Divide(copy, TensorPrimitives.Norm(copy), copy);
        }

        return copy;
    }
}
