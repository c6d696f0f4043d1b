using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AiPlatform.Sdk.Vector.Kernels;

/// <summary>
/// Distance kernels over int8 scalar-quantized vectors (see <see cref="Quantization.Int8Quantizer"/>). Results are exact integers;
/// multiply by the quantizer's <see cref="Quantization.Int8Quantizer.DistanceScale"/> to compare them with float distances.
/// </summary>
public static class Int8Kernels
{
    /// <summary>Returns the dot product of two int8 vectors.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as the first.</param>
    /// <returns>The exact integer dot product.</returns>
    /// <exception cref="ArgumentException">The vectors have different lengths.</exception>
    public static int Dot(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y)
    {
        KernelArguments.SameLength(x.Length, y.Length);
        return DotCore(x, y, KernelWidth.Auto);
    }

    /// <summary>Returns the cosine similarity of two int8 vectors (<see cref="float.NaN"/> when either is all zeros).</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as the first.</param>
    /// <returns>The cosine of the angle between the vectors.</returns>
    /// <exception cref="ArgumentException">The vectors have different lengths.</exception>
    public static float Cosine(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y)
    {
        KernelArguments.SameLength(x.Length, y.Length);
        var norms = (double)DotCore(x, x, KernelWidth.Auto) * DotCore(y, y, KernelWidth.Auto);
        return norms == 0 ? float.NaN : (float)(DotCore(x, y, KernelWidth.Auto) / Math.Sqrt(norms));
    }

    /// <summary>Returns the squared Euclidean distance of two int8 vectors.</summary>
    /// <param name="x">The first vector.</param>
    /// <param name="y">The second vector, as long as the first.</param>
    /// <returns>The exact integer squared distance.</returns>
    /// <exception cref="ArgumentException">The vectors have different lengths.</exception>
    public static int SquaredL2(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y)
    {
        KernelArguments.SameLength(x.Length, y.Length);
        return SquaredL2Core(x, y, KernelWidth.Auto);
    }

    /// <summary>Computes the dot product of <paramref name="query"/> with every row of <paramref name="rows"/>.</summary>
    /// <param name="query">The query, <paramref name="dimension"/> long.</param>
    /// <param name="rows">Row-major rows, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="dimension">The length of one vector.</param>
    /// <param name="destination">Receives one value per row.</param>
    /// <exception cref="ArgumentException">The lengths do not agree with <paramref name="dimension"/>.</exception>
    public static void DotMany(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> rows, int dimension, Span<int> destination) =>
        DotMany(query, rows, dimension, destination, KernelWidth.Auto);

    /// <summary>Computes the dot product of every query with every row: <c>destination[q * rowCount + r]</c>.</summary>
    /// <param name="queries">Row-major queries, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="rows">Row-major rows, a multiple of <paramref name="dimension"/> long.</param>
    /// <param name="dimension">The length of one vector.</param>
    /// <param name="destination">Receives <c>queryCount * rowCount</c> values.</param>
    /// <exception cref="ArgumentException">The lengths do not agree with <paramref name="dimension"/>.</exception>
    public static void DotBlock(ReadOnlySpan<sbyte> queries, ReadOnlySpan<sbyte> rows, int dimension, Span<int> destination) =>
        DotBlock(queries, rows, dimension, destination, KernelWidth.Auto);

    internal static void DotMany(ReadOnlySpan<sbyte> query, ReadOnlySpan<sbyte> rows, int dimension, Span<int> destination, KernelWidth width)
    {
        KernelArguments.SameLength(query.Length, dimension);
        var count = KernelArguments.Rows(rows.Length, dimension, nameof(rows));
        KernelArguments.Destination(destination.Length, count, nameof(destination));
        var resolved = KernelWidths.Resolve(width);
        for (var r = 0; r < count; r++)
        {
            destination[r] = DotCore(query, rows.Slice(r * dimension, dimension), resolved);
        }
    }

    internal static void DotBlock(ReadOnlySpan<sbyte> queries, ReadOnlySpan<sbyte> rows, int dimension, Span<int> destination, KernelWidth width)
    {
        var queryCount = KernelArguments.Rows(queries.Length, dimension, nameof(queries));
        var rowCount = KernelArguments.Rows(rows.Length, dimension, nameof(rows));
        KernelArguments.Destination(destination.Length, queryCount * rowCount, nameof(destination));
        for (var q = 0; q < queryCount; q++)
        {
            DotMany(queries.Slice(q * dimension, dimension), rows, dimension, destination.Slice(q * rowCount, rowCount), width);
        }
    }

    internal static int DotCore(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y, KernelWidth width)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var length = x.Length;
        var i = 0;
        var sum = 0;
        switch (KernelWidths.Resolve(width))
        {
            case KernelWidth.Vector512 when Avx512BW.IsSupported:
                var madd512 = Vector512<int>.Zero;
                for (; i <= length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
                {
                    madd512 += Avx512BW.MultiplyAddAdjacent(
                        Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref xr, (nuint)i)),
                        Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref yr, (nuint)i)));
                }

                sum = Vector512.Sum(madd512);
                break;
            case KernelWidth.Vector256 when Avx2.IsSupported:
                var madd256 = Vector256<int>.Zero;
                for (; i <= length - Vector128<sbyte>.Count; i += Vector128<sbyte>.Count)
                {
                    madd256 += Avx2.MultiplyAddAdjacent(
                        Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref xr, (nuint)i)),
                        Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref yr, (nuint)i)));
                }

                sum = Vector256.Sum(madd256);
                break;
            case KernelWidth.Vector512:
                var acc512 = Vector512<int>.Zero;
                for (; i <= length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
                {
                    var a = Vector512.WidenLower(Vector256.LoadUnsafe(ref xr, (nuint)i).ToVector512Unsafe());
                    var b = Vector512.WidenLower(Vector256.LoadUnsafe(ref yr, (nuint)i).ToVector512Unsafe());
                    var p = a * b;
                    acc512 += Vector512.WidenLower(p) + Vector512.WidenUpper(p);
                }

                sum = Vector512.Sum(acc512);
                break;
            case KernelWidth.Vector256:
                var acc256 = Vector256<int>.Zero;
                for (; i <= length - Vector128<sbyte>.Count; i += Vector128<sbyte>.Count)
                {
                    var a = Vector256.WidenLower(Vector128.LoadUnsafe(ref xr, (nuint)i).ToVector256Unsafe());
                    var b = Vector256.WidenLower(Vector128.LoadUnsafe(ref yr, (nuint)i).ToVector256Unsafe());
                    var p = a * b;
                    acc256 += Vector256.WidenLower(p) + Vector256.WidenUpper(p);
                }

                sum = Vector256.Sum(acc256);
                break;
            default:
                break;
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        }

        return sum;
    }

    internal static int SquaredL2Core(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y, KernelWidth width)
    {
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var yr = ref MemoryMarshal.GetReference(y);
        var length = x.Length;
        var i = 0;
        var sum = 0;
        switch (KernelWidths.Resolve(width))
        {
            case KernelWidth.Vector512 when Avx512BW.IsSupported:
                var madd512 = Vector512<int>.Zero;
                for (; i <= length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
                {
                    var d = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref xr, (nuint)i))
                        - Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref yr, (nuint)i));
                    madd512 += Avx512BW.MultiplyAddAdjacent(d, d);
                }

                sum = Vector512.Sum(madd512);
                break;
            case KernelWidth.Vector256 when Avx2.IsSupported:
                var madd256 = Vector256<int>.Zero;
                for (; i <= length - Vector128<sbyte>.Count; i += Vector128<sbyte>.Count)
                {
                    var d = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref xr, (nuint)i))
                        - Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref yr, (nuint)i));
                    madd256 += Avx2.MultiplyAddAdjacent(d, d);
                }

                sum = Vector256.Sum(madd256);
                break;
            case KernelWidth.Vector512:
                var acc512 = Vector512<int>.Zero;
                for (; i <= length - Vector256<sbyte>.Count; i += Vector256<sbyte>.Count)
                {
                    var d = Vector512.WidenLower(Vector256.LoadUnsafe(ref xr, (nuint)i).ToVector512Unsafe())
                        - Vector512.WidenLower(Vector256.LoadUnsafe(ref yr, (nuint)i).ToVector512Unsafe());
                    var lo = Vector512.WidenLower(d);
                    var hi = Vector512.WidenUpper(d);
                    acc512 += (lo * lo) + (hi * hi);
                }

                sum = Vector512.Sum(acc512);
                break;
            case KernelWidth.Vector256:
                var acc256 = Vector256<int>.Zero;
                for (; i <= length - Vector128<sbyte>.Count; i += Vector128<sbyte>.Count)
                {
                    var d = Vector256.WidenLower(Vector128.LoadUnsafe(ref xr, (nuint)i).ToVector256Unsafe())
                        - Vector256.WidenLower(Vector128.LoadUnsafe(ref yr, (nuint)i).ToVector256Unsafe());
                    var lo = Vector256.WidenLower(d);
                    var hi = Vector256.WidenUpper(d);
                    acc256 += (lo * lo) + (hi * hi);
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
}
