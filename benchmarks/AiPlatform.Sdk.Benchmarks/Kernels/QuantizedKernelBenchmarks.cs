using System.Numerics.Tensors;
using AiPlatform.Sdk.Vector.Kernels;
using BenchmarkDotNet.Attributes;

namespace AiPlatform.Sdk.Benchmarks.Kernels;

/// <summary>One query against 1,024 rows of 384 dimensions: float dot, int8 dot, and Hamming distance over 1-bit codes.</summary>
[MemoryDiagnoser]
public class QuantizedKernelBenchmarks
{
    private const int Dimension = 384;
    private const int Rows = 1024;
    private readonly float[] _floatRows = FloatKernelBenchmarks.Random(Rows * Dimension, 3);
    private readonly sbyte[] _codes = new sbyte[Rows * Dimension];
    private readonly byte[] _bits = new byte[Rows * Dimension / 8];
    private readonly float[] _floatScores = new float[Rows];
    private readonly int[] _intScores = new int[Rows];

    public QuantizedKernelBenchmarks()
    {
        var random = new Random(4);
        for (var i = 0; i < _codes.Length; i++)
        {
            _codes[i] = (sbyte)random.Next(-127, 128);
        }

        random.NextBytes(_bits);
    }

    [Benchmark(Baseline = true, Description = "float DotMany")]
    public float FloatDot()
    {
        FloatKernels.DotMany(_floatRows.AsSpan(0, Dimension), _floatRows, Dimension, _floatScores);
        return _floatScores[^1];
    }

    [Benchmark(Description = "int8 DotMany")]
    public int Int8Dot()
    {
        Int8Kernels.DotMany(_codes.AsSpan(0, Dimension), _codes, Dimension, _intScores);
        return _intScores[^1];
    }

    [Benchmark(Description = "int8 SquaredL2 per pair")]
    public int Int8SquaredL2()
    {
        var sum = 0;
        for (var r = 0; r < Rows; r++)
        {
            sum += Int8Kernels.SquaredL2(_codes.AsSpan(0, Dimension), _codes.AsSpan(r * Dimension, Dimension));
        }

        return sum;
    }

    [Benchmark(Description = "binary HammingMany")]
    public int Hamming()
    {
        BinaryKernels.HammingMany(_bits.AsSpan(0, Dimension / 8), _bits, Dimension / 8, _intScores);
        return _intScores[^1];
    }

    [Benchmark(Description = "TensorPrimitives.CosineSimilarity per pair")]
    public float Cosine()
    {
        var sum = 0f;
        for (var r = 0; r < Rows; r++)
        {
            sum += TensorPrimitives.CosineSimilarity(_floatRows.AsSpan(0, Dimension), _floatRows.AsSpan(r * Dimension, Dimension));
        }

        return sum;
    }
}
