using AiPlatform.Sdk.Vector.Indexing;
using AiPlatform.Sdk.Vector.Tests.Kernels;

namespace AiPlatform.Sdk.Vector.Tests.Indexing;

/// <summary>Small clustered data sets and brute-force ground truth for index tests.</summary>
internal static class TestData
{
    /// <summary>
    /// Row-major vectors around <paramref name="clusters"/> random centres, spread along a few shared directions plus a little
    /// isotropic noise: low intrinsic dimension, like real embeddings.
    /// </summary>
    public static float[] Clustered(int count, int dimension, int clusters = 20, int seed = 1)
    {
        const int latent = 6;
        var basis = new Random(1234);
        var directions = new float[latent * dimension];
        for (var i = 0; i < directions.Length; i++)
        {
            directions[i] = (float)((basis.NextDouble() * 2) - 1);
        }

        var centres = new float[clusters * dimension];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = (float)((basis.NextDouble() * 2) - 1);
        }

        var random = new Random(seed);
        var vectors = new float[count * dimension];
        var weights = new float[latent];
        for (var v = 0; v < count; v++)
        {
            var centre = random.Next(clusters);
            for (var l = 0; l < latent; l++)
            {
                weights[l] = (float)((random.NextDouble() - 0.5) * 0.8);
            }

            for (var i = 0; i < dimension; i++)
            {
                var value = centres[(centre * dimension) + i] + (float)((random.NextDouble() - 0.5) * 0.05);
                for (var l = 0; l < latent; l++)
                {
                    value += weights[l] * directions[(l * dimension) + i];
                }

                vectors[(v * dimension) + i] = value;
            }
        }

        return vectors;
    }

    public static ReadOnlySpan<float> Row(float[] vectors, int dimension, int row) => vectors.AsSpan(row * dimension, dimension);

    /// <summary>The exact nearest ids by the double-precision reference.</summary>
    public static long[] Nearest(float[] vectors, int dimension, ReadOnlySpan<float> query, int k, DistanceMetric metric, Func<long, bool>? filter = null)
    {
        var q = query.ToArray();
        return [.. Enumerable.Range(0, vectors.Length / dimension)
            .Where(i => filter is null || filter(i))
            .Select(i => (Id: (long)i, Distance: Reference(q, Row(vectors, dimension, i).ToArray(), metric)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Id)
            .Take(k)
            .Select(x => x.Id)];
    }

    public static double Reference(float[] query, float[] row, DistanceMetric metric) => metric switch
    {
        DistanceMetric.Cosine => 1 - ScalarReference.Cosine(query, row),
        DistanceMetric.DotProduct => -ScalarReference.Dot(query, row),
        _ => ScalarReference.SquaredL2(query, row),
    };

    public static T Build<T>(T index, float[] vectors)
        where T : VectorIndex
    {
        var count = vectors.Length / index.Dimension;
        index.UpsertBatch(Enumerable.Range(0, count).Select(i => (long)i).ToArray(), vectors);
        return index;
    }

    /// <summary>The mean fraction of the true k nearest that the index returns.</summary>
    public static double Recall(VectorIndex index, float[] vectors, float[] queries, int k, IndexSearchOptions? options = null)
    {
        var dimension = index.Dimension;
        var total = 0.0;
        var count = queries.Length / dimension;
        for (var q = 0; q < count; q++)
        {
            var query = Row(queries, dimension, q);
            var truth = Nearest(vectors, dimension, query, k, index.Metric, options?.Filter);
            var found = index.Search(query, k, options).Select(m => m.Id).ToHashSet();
            total += truth.Count(found.Contains) / (double)truth.Length;
        }

        return total / count;
    }
}
