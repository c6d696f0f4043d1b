using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AiPlatform.Sdk.Vector.Kernels;

/// <summary>
/// Distance kernels over <see cref="float"/> vectors: one pair, one query against many rows, and many queries against a block of rows.
/// Rows are stored row-major and contiguous (<c>rows[r * dimension + i]</c>). Pairs use <see cref="TensorPrimitives"/>; the
/// multi-query block form is register-blocked with <see cref="Vector512"/> or <see cref="Vector256"/>, which reads each row once for
/// several queries.
/// </summary>
public static class FloatKernels
{
    /// <summary>Returns the dot product of two vectors.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as the first.</param>
    /// <returns>The sum of the element-wise products.</returns>
    /// <exception cref="ArgumentException">The vectors have different lengths.</exception>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        KernelArguments.SameLength(x.Length, y.Length);
        return TensorPrimitives.Dot(x, y);
    }

    /// <summary>Returns the cosine similarity of two vectors (1 for the same direction, -1 for opposite ones).</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as the first.</param>
    /// <returns>The cosine of the angle between the vectors; <see cref="float.NaN"/> when either is all zeros.</returns>
    /// <exception cref="ArgumentException">The vectors have different lengths.</exception>
    public static float Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        KernelArguments.SameLength(x.Length, y.Length);
        return x.IsEmpty ? float.NaN : TensorPrimitives.CosineSimilarity(x, y);
    }

    /// <summary>Returns the squared Euclidean distance of two vectors.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as the first.</param>
    /// <returns>The sum of the squared element-wise differences.</returns>
    /// <exception cref="ArgumentException">The vectors have different lengths.</exception>
    public static float SquaredL2(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        KernelArguments.SameLength(x.Length, y.Length);
        return SquaredL2Core(x, y, KernelWidth.Auto);
    }

    /// <summary>
    /// Computes the dot product of <paramref name="query"/> with every row of <paramref name="rows"/>, four rows per step (each loaded
    /// part of the query serves four rows).
    /// </summary>
    /// <param name="query">The query, <paramref name="dimension"/> long.</param>
    /// <param name="rows">Row-major rows, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="dimension">The length of one vector.</param>
    /// <param name="destination">Receives one value per row.</param>
    /// <exception cref="ArgumentException">The lengths do not agree with <paramref name="dimension"/>.</exception>
    public static void DotMany(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int dimension, Span<float> destination) =>
        DotMany(query, rows, dimension, destination, KernelWidth.Auto);

    /// <summary>Computes the squared Euclidean distance of <paramref name="query"/> to every row of <paramref name="rows"/>.</summary>
    /// <param name="query">The query, <paramref name="dimension"/> long.</param>
    /// <param name="rows">Row-major rows, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="dimension">The length of one vector.</param>
    /// <param name="destination">Receives one value per row.</param>
    /// <exception cref="ArgumentException">The lengths do not agree with <paramref name="dimension"/>.</exception>
    public static void SquaredL2Many(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int dimension, Span<float> destination) =>
        SquaredL2Many(query, rows, dimension, destination, KernelWidth.Auto);

    /// <summary>
    /// Computes the dot product of every query with every row: <c>destination[q * rowCount + r]</c>. Blocks of four queries are
    /// multiplied against blocks of rows while both stay in registers, so each row is read once per four queries.
    /// </summary>
    /// <param name="queries">Row-major queries, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="rows">Row-major rows, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="dimension">The length of one vector.</param>
    /// <param name="destination">Receives <c>queryCount * rowCount</c> values.</param>
    /// <exception cref="ArgumentException">The lengths do not agree with <paramref name="dimension"/>.</exception>
    public static void DotBlock(ReadOnlySpan<float> queries, ReadOnlySpan<float> rows, int dimension, Span<float> destination) =>
        DotBlock(queries, rows, dimension, destination, KernelWidth.Auto);

    /// <summary>
    /// Computes the squared Euclidean distance of every query to every row: <c>destination[q * rowCount + r]</c>, as
    /// <c>|q|² + |r|² - 2 q·r</c> over the blocked dot product (clamped at zero).
    /// </summary>
    /// <param name="queries">Row-major queries, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="rows">Row-major rows, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="dimension">The length of one vector.</param>
    /// <param name="destination">Receives <c>queryCount * rowCount</c> values.</param>
    /// <exception cref="ArgumentException">The lengths do not agree with <paramref name="dimension"/>.</exception>
    public static void SquaredL2Block(ReadOnlySpan<float> queries, ReadOnlySpan<float> rows, int dimension, Span<float> destination) =>
        SquaredL2Block(queries, rows, dimension, destination, KernelWidth.Auto);

    internal static void DotMany(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int dimension, Span<float> destination, KernelWidth width)
    {
        var count = CheckMany(query, rows, dimension, destination);
        BlockedDot.RunOne(query, rows, count, dimension, destination, KernelWidths.Resolve(width));
    }

    internal static void SquaredL2Many(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int dimension, Span<float> destination, KernelWidth width)
    {
        var count = CheckMany(query, rows, dimension, destination);
        var resolved = KernelWidths.Resolve(width);
        for (var r = 0; r < count; r++)
        {
            destination[r] = SquaredL2Core(query, rows.Slice(r * dimension, dimension), resolved);
        }
    }

    internal static void DotBlock(ReadOnlySpan<float> queries, ReadOnlySpan<float> rows, int dimension, Span<float> destination, KernelWidth width)
    {
        var queryCount = KernelArguments.Rows(queries.Length, dimension, nameof(queries));
        var rowCount = KernelArguments.Rows(rows.Length, dimension, nameof(rows));
        KernelArguments.Destination(destination.Length, queryCount * rowCount, nameof(destination));
        BlockedDot.Run(queries, queryCount, rows, rowCount, dimension, destination, KernelWidths.Resolve(width));
    }

    internal static void SquaredL2Block(ReadOnlySpan<float> queries, ReadOnlySpan<float> rows, int dimension, Span<float> destination, KernelWidth width)
    {
        DotBlock(queries, rows, dimension, destination, width);
        var queryCount = queries.Length / dimension;
        var rowCount = rows.Length / dimension;
        Span<float> rowNorms = rowCount <= 1024 ? stackalloc float[rowCount] : new float[rowCount];
        for (var r = 0; r < rowCount; r++)
        {
            rowNorms[r] = TensorPrimitives.SumOfSquares(rows.Slice(r * dimension, dimension));
        }

        for (var q = 0; q < queryCount; q++)
        {
            var queryNorm = TensorPrimitives.SumOfSquares(queries.Slice(q * dimension, dimension));
            var line = destination.Slice(q * rowCount, rowCount);
            for (var r = 0; r < rowCount; r++)
            {
                line[r] = MathF.Max(0f, queryNorm + rowNorms[r] - (2f * line[r]));
            }
        }
    }

    internal static float SquaredL2Core(ReadOnlySpan<float> x, ReadOnlySpan<float> y, KernelWidth width)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var length = x.Length;
        var i = 0;
        var sum = 0f;
        switch (KernelWidths.Resolve(width))
        {
            case KernelWidth.Vector512:
                var acc512 = Vector512<float>.Zero;
                for (; i <= length - Vector512<float>.Count; i += Vector512<float>.Count)
                {
                    var d = Vector512.LoadUnsafe(ref xr, (nuint)i) - Vector512.LoadUnsafe(ref yr, (nuint)i);
                    acc512 = Vector512.FusedMultiplyAdd(d, d, acc512);
                }

                sum = Vector512.Sum(acc512);
                break;
            case KernelWidth.Vector256:
                var acc256 = Vector256<float>.Zero;
                for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    var d = Vector256.LoadUnsafe(ref xr, (nuint)i) - Vector256.LoadUnsafe(ref yr, (nuint)i);
                    acc256 = Vector256.FusedMultiplyAdd(d, d, acc256);
                }

                sum = Vector256.Sum(acc256);
                break;
            default:
                break;
        }

        for (; i < length; i++)
        {
            var d = Unsafe.Add(ref xr, i) - Unsafe.Add(ref yr, i);
            sum += d * d;
        }

        return sum;
    }

    private static int CheckMany(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int dimension, Span<float> destination)
    {
        KernelArguments.SameLength(query.Length, dimension);
        var count = KernelArguments.Rows(rows.Length, dimension, nameof(rows));
        KernelArguments.Destination(destination.Length, count, nameof(destination));
        return count;
    }
}
