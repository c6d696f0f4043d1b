using System.Globalization;
using System.Numerics.Tensors;

namespace AiPlatform.Sdk.Benchmarks.Ann;

/// <summary>
/// <c>ann gen --out DIR [--count 100000] [--queries 1000] [--dim 384] [--clusters 1000] [--noise 0.75] [--seed 1]</c>: a clustered
/// synthetic data set of unit vectors (random unit centres plus Gaussian noise of the given norm, normalized), written as
/// <c>base.fvecs</c>, <c>query.fvecs</c> and <c>truth.ivecs</c> (the exact 100 nearest by cosine, from a plain brute-force scan).
/// </summary>
internal static class DatasetGenerator
{
    public static int Run(string[] args)
    {
        var options = AnnArguments.Parse(args);
        var output = options.Get("out") ?? throw new ArgumentException("gen needs --out DIR");
        var count = options.GetInt("count", 100_000);
        var queries = options.GetInt("queries", 1000);
        var dimension = options.GetInt("dim", 384);
        var clusters = options.GetInt("clusters", 1000);
        var noise = float.Parse(options.Get("noise") ?? "0.75", CultureInfo.InvariantCulture);
        var random = new Random(options.GetInt("seed", 1));
        Directory.CreateDirectory(output);

        var centres = new float[clusters * dimension];
        for (var c = 0; c < clusters; c++)
        {
            var centre = centres.AsSpan(c * dimension, dimension);
            Gaussian(random, centre, 1f);
            TensorPrimitives.Divide(centre, TensorPrimitives.Norm(centre), centre);
        }

        var basis = Sample(random, centres, count, dimension, clusters, noise);
        var query = Sample(random, centres, queries, dimension, clusters, noise);
        var truth = ExactNeighbors(basis, query, dimension, 100);
        VecsFile.Write<float>(Path.Combine(output, "base.fvecs"), basis, dimension);
        VecsFile.Write<float>(Path.Combine(output, "query.fvecs"), query, dimension);
        VecsFile.Write<int>(Path.Combine(output, "truth.ivecs"), truth, 100);
        Console.WriteLine($"wrote {count} base and {queries} query vectors of dimension {dimension} ({clusters} clusters) to {output}");
        return 0;
    }

    private static float[] Sample(Random random, float[] centres, int count, int dimension, int clusters, float noise)
    {
        var values = new float[count * dimension];
        var scale = noise / MathF.Sqrt(dimension);
        for (var i = 0; i < count; i++)
        {
            var vector = values.AsSpan(i * dimension, dimension);
            Gaussian(random, vector, scale);
            TensorPrimitives.Add(vector, centres.AsSpan(random.Next(clusters) * dimension, dimension), vector);
            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        }

        return values;
    }

    private static void Gaussian(Random random, Span<float> values, float scale)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var u = 1 - random.NextDouble();
            values[i] = (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * random.NextDouble()) * scale);
        }
    }

    /// <summary>Plain brute force (one dot product per pair, highest first): independent of the engine under test.</summary>
    private static int[] ExactNeighbors(float[] basis, float[] queries, int dimension, int k)
    {
        var count = basis.Length / dimension;
        var truth = new int[(queries.Length / dimension) * k];
        Parallel.For(0, queries.Length / dimension, q =>
        {
            var query = queries.AsSpan(q * dimension, dimension);
            var scores = new float[count];
            for (var i = 0; i < count; i++)
            {
                scores[i] = TensorPrimitives.Dot(query, basis.AsSpan(i * dimension, dimension));
            }

            var order = Enumerable.Range(0, count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k).ToArray();
            order.CopyTo(truth, q * k);
        });
        return truth;
    }
}
