using System.Numerics.Tensors;
using AiPlatform.Sdk.Vector.Kernels;
using BenchmarkDotNet.Attributes;

namespace AiPlatform.Sdk.Benchmarks.Kernels;

/// <summary>
/// Scoring 64 queries against 1,024 rows of 384 floats: one <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
/// per pair (the baseline), the 1x4 row-blocked one-query kernel, and the register-blocked multi-query kernel.
/// </summary>
[MemoryDiagnoser]
public class FloatKernelBenchmarks
{
    private const int Dimension = 384;
    private const int Rows = 1024;
    private const int Queries = 64;
    private readonly float[] _rows = Random(Rows * Dimension, 1);
    private readonly float[] _queries = Random(Queries * Dimension, 2);
    private readonly float[] _scores = new float[Queries * Rows];

    [Benchmark(Baseline = true, Description = "TensorPrimitives.Dot per pair")]
    public float TensorPrimitivesPerPair()
    {
        for (var q = 0; q < Queries; q++)
        {
            var query = _queries.AsSpan(q * Dimension, Dimension);
            for (var r = 0; r < Rows; r++)
            {
                _scores[(q * Rows) + r] = TensorPrimitives.Dot(query, _rows.AsSpan(r * Dimension, Dimension));
            }
        }

        return _scores[^1];
    }

    [Benchmark(Description = "DotMany per query (1x4 rows)")]
    public float DotManyPerQuery()
    {
        for (var q = 0; q < Queries; q++)
        {
            FloatKernels.DotMany(_queries.AsSpan(q * Dimension, Dimension), _rows, Dimension, _scores.AsSpan(q * Rows, Rows));
        }

        return _scores[^1];
    }

    [Benchmark(Description = "DotBlock (4 queries x 4|2 rows)")]
    public float DotBlock()
    {
        FloatKernels.DotBlock(_queries, _rows, Dimension, _scores);
        return _scores[^1];
    }

    [Benchmark(Description = "SquaredL2 per pair (hand-written)")]
    public float SquaredL2PerPair()
    {
        var query = _queries.AsSpan(0, Dimension);
        var sum = 0f;
        for (var r = 0; r < Rows; r++)
        {
            sum += FloatKernels.SquaredL2(query, _rows.AsSpan(r * Dimension, Dimension));
        }

        return sum;
    }

    [Benchmark(Description = "TensorPrimitives.Distance squared per pair")]
    public float DistanceSquaredPerPair()
    {
        var query = _queries.AsSpan(0, Dimension);
        var sum = 0f;
        for (var r = 0; r < Rows; r++)
        {
            var d = TensorPrimitives.Distance(query, _rows.AsSpan(r * Dimension, Dimension));
            sum += d * d;
        }

        return sum;
    }

    internal static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
