using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AiPlatform.Sdk.Vector.Kernels;

/// <summary>
/// The register-blocked many-queries-against-many-rows dot product: four queries against four rows (512-bit) or two rows (256-bit)
/// per step, so the accumulators stay in registers and each loaded row serves four queries.
/// </summary>
internal static class BlockedDot
{
    private const int QueryBlock = 4;

    public static void Run(
        ReadOnlySpan<float> queries, int queryCount, ReadOnlySpan<float> rows, int rowCount, int dimension, Span<float> destination, KernelWidth width)
    {
        var q = 0;
        if (width is KernelWidth.Vector512 or KernelWidth.Vector256)
        {
            var rowBlock = width == KernelWidth.Vector512 ? 4 : 2;
            var blockedRows = rowCount - (rowCount % rowBlock);
            for (; q <= queryCount - QueryBlock; q += QueryBlock)
            {
                for (var r = 0; r < blockedRows; r += rowBlock)
                {
                    if (width == KernelWidth.Vector512)
                    {
                        Block4x4(queries, q, rows, r, rowCount, dimension, destination);
                    }
                    else
                    {
                        Block4x2(queries, q, rows, r, rowCount, dimension, destination);
                    }
                }

                Pairs(queries, q, q + QueryBlock, rows, blockedRows, rowCount, dimension, destination);
            }
        }

        Pairs(queries, q, queryCount, rows, 0, rowCount, dimension, destination);
    }

    /// <summary>One query against many rows, four rows per step so each loaded query chunk serves four rows.</summary>
    public static void RunOne(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int rowCount, int dimension, Span<float> destination, KernelWidth width)
    {
        var r = 0;
        if (width is KernelWidth.Vector512 or KernelWidth.Vector256)
        {
            for (; r <= rowCount - 4; r += 4)
            {
                if (width == KernelWidth.Vector512)
                {
                    Block1x4Of512(query, rows, r, dimension, destination);
                }
                else
                {
                    Block1x4Of256(query, rows, r, dimension, destination);
                }
            }
        }

        Pairs(query, 0, 1, rows, r, rowCount, dimension, destination);
    }

    private static void Pairs(
        ReadOnlySpan<float> queries, int queryStart, int queryEnd, ReadOnlySpan<float> rows, int rowStart, int rowCount, int dimension, Span<float> destination)
    {
        for (var q = queryStart; q < queryEnd; q++)
        {
            var query = queries.Slice(q * dimension, dimension);
            for (var r = rowStart; r < rowCount; r++)
            {
                destination[(q * rowCount) + r] = TensorPrimitives.Dot(query, rows.Slice(r * dimension, dimension));
            }
        }
    }

    private static void Block4x4(ReadOnlySpan<float> queries, int q, ReadOnlySpan<float> rows, int r, int rowCount, int dimension, Span<float> destination)
    {
        ref var q0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(queries), q * dimension);
        ref var q1 = ref Unsafe.Add(ref q0, dimension);
        ref var q2 = ref Unsafe.Add(ref q1, dimension);
        ref var q3 = ref Unsafe.Add(ref q2, dimension);
        ref var r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), r * dimension);
        ref var r1 = ref Unsafe.Add(ref r0, dimension);
        ref var r2 = ref Unsafe.Add(ref r1, dimension);
        ref var r3 = ref Unsafe.Add(ref r2, dimension);
        Vector512<float> a00 = default, a01 = default, a02 = default, a03 = default;
        Vector512<float> a10 = default, a11 = default, a12 = default, a13 = default;
        Vector512<float> a20 = default, a21 = default, a22 = default, a23 = default;
        Vector512<float> a30 = default, a31 = default, a32 = default, a33 = default;
        var i = 0;
        for (; i <= dimension - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            var offset = (nuint)i;
            var x0 = Vector512.LoadUnsafe(ref r0, offset);
            var x1 = Vector512.LoadUnsafe(ref r1, offset);
            var x2 = Vector512.LoadUnsafe(ref r2, offset);
            var x3 = Vector512.LoadUnsafe(ref r3, offset);
            var y = Vector512.LoadUnsafe(ref q0, offset);
            a00 = Vector512.FusedMultiplyAdd(y, x0, a00);
            a01 = Vector512.FusedMultiplyAdd(y, x1, a01);
            a02 = Vector512.FusedMultiplyAdd(y, x2, a02);
            a03 = Vector512.FusedMultiplyAdd(y, x3, a03);
            y = Vector512.LoadUnsafe(ref q1, offset);
            a10 = Vector512.FusedMultiplyAdd(y, x0, a10);
            a11 = Vector512.FusedMultiplyAdd(y, x1, a11);
            a12 = Vector512.FusedMultiplyAdd(y, x2, a12);
            a13 = Vector512.FusedMultiplyAdd(y, x3, a13);
            y = Vector512.LoadUnsafe(ref q2, offset);
            a20 = Vector512.FusedMultiplyAdd(y, x0, a20);
            a21 = Vector512.FusedMultiplyAdd(y, x1, a21);
            a22 = Vector512.FusedMultiplyAdd(y, x2, a22);
            a23 = Vector512.FusedMultiplyAdd(y, x3, a23);
            y = Vector512.LoadUnsafe(ref q3, offset);
            a30 = Vector512.FusedMultiplyAdd(y, x0, a30);
            a31 = Vector512.FusedMultiplyAdd(y, x1, a31);
            a32 = Vector512.FusedMultiplyAdd(y, x2, a32);
            a33 = Vector512.FusedMultiplyAdd(y, x3, a33);
        }

        ref var d0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (q * rowCount) + r);
        Store(ref d0, Vector512.Sum(a00), Vector512.Sum(a01), Vector512.Sum(a02), Vector512.Sum(a03));
        Store(ref Unsafe.Add(ref d0, rowCount), Vector512.Sum(a10), Vector512.Sum(a11), Vector512.Sum(a12), Vector512.Sum(a13));
        Store(ref Unsafe.Add(ref d0, 2 * rowCount), Vector512.Sum(a20), Vector512.Sum(a21), Vector512.Sum(a22), Vector512.Sum(a23));
        Store(ref Unsafe.Add(ref d0, 3 * rowCount), Vector512.Sum(a30), Vector512.Sum(a31), Vector512.Sum(a32), Vector512.Sum(a33));
        Tail(queries, q, 4, rows, r, 4, i, rowCount, dimension, destination);
    }

    private static void Block4x2(ReadOnlySpan<float> queries, int q, ReadOnlySpan<float> rows, int r, int rowCount, int dimension, Span<float> destination)
    {
        ref var q0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(queries), q * dimension);
        ref var q1 = ref Unsafe.Add(ref q0, dimension);
        ref var q2 = ref Unsafe.Add(ref q1, dimension);
        ref var q3 = ref Unsafe.Add(ref q2, dimension);
        ref var r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), r * dimension);
        ref var r1 = ref Unsafe.Add(ref r0, dimension);
        Vector256<float> a00 = default, a01 = default, a10 = default, a11 = default;
        Vector256<float> a20 = default, a21 = default, a30 = default, a31 = default;
        var i = 0;
        for (; i <= dimension - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var offset = (nuint)i;
            var x0 = Vector256.LoadUnsafe(ref r0, offset);
            var x1 = Vector256.LoadUnsafe(ref r1, offset);
            var y = Vector256.LoadUnsafe(ref q0, offset);
            a00 = Vector256.FusedMultiplyAdd(y, x0, a00);
            a01 = Vector256.FusedMultiplyAdd(y, x1, a01);
            y = Vector256.LoadUnsafe(ref q1, offset);
            a10 = Vector256.FusedMultiplyAdd(y, x0, a10);
            a11 = Vector256.FusedMultiplyAdd(y, x1, a11);
            y = Vector256.LoadUnsafe(ref q2, offset);
            a20 = Vector256.FusedMultiplyAdd(y, x0, a20);
            a21 = Vector256.FusedMultiplyAdd(y, x1, a21);
            y = Vector256.LoadUnsafe(ref q3, offset);
            a30 = Vector256.FusedMultiplyAdd(y, x0, a30);
            a31 = Vector256.FusedMultiplyAdd(y, x1, a31);
        }

        ref var d0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), (q * rowCount) + r);
        d0 = Vector256.Sum(a00);
        Unsafe.Add(ref d0, 1) = Vector256.Sum(a01);
        Unsafe.Add(ref d0, rowCount) = Vector256.Sum(a10);
        Unsafe.Add(ref d0, rowCount + 1) = Vector256.Sum(a11);
        Unsafe.Add(ref d0, 2 * rowCount) = Vector256.Sum(a20);
        Unsafe.Add(ref d0, (2 * rowCount) + 1) = Vector256.Sum(a21);
        Unsafe.Add(ref d0, 3 * rowCount) = Vector256.Sum(a30);
        Unsafe.Add(ref d0, (3 * rowCount) + 1) = Vector256.Sum(a31);
        Tail(queries, q, 4, rows, r, 2, i, rowCount, dimension, destination);
    }

    private static void Block1x4Of512(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int r, int dimension, Span<float> destination)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), r * dimension);
        ref var r1 = ref Unsafe.Add(ref r0, dimension);
        ref var r2 = ref Unsafe.Add(ref r1, dimension);
        ref var r3 = ref Unsafe.Add(ref r2, dimension);
        Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
        var i = 0;
        for (; i <= dimension - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            var offset = (nuint)i;
            var y = Vector512.LoadUnsafe(ref q, offset);
            a0 = Vector512.FusedMultiplyAdd(y, Vector512.LoadUnsafe(ref r0, offset), a0);
            a1 = Vector512.FusedMultiplyAdd(y, Vector512.LoadUnsafe(ref r1, offset), a1);
            a2 = Vector512.FusedMultiplyAdd(y, Vector512.LoadUnsafe(ref r2, offset), a2);
            a3 = Vector512.FusedMultiplyAdd(y, Vector512.LoadUnsafe(ref r3, offset), a3);
        }

        Store(ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), r), Vector512.Sum(a0), Vector512.Sum(a1), Vector512.Sum(a2), Vector512.Sum(a3));
        Tail(query, 0, 1, rows, r, 4, i, 0, dimension, destination);
    }

    private static void Block1x4Of256(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int r, int dimension, Span<float> destination)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(rows), r * dimension);
        ref var r1 = ref Unsafe.Add(ref r0, dimension);
        ref var r2 = ref Unsafe.Add(ref r1, dimension);
        ref var r3 = ref Unsafe.Add(ref r2, dimension);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        var i = 0;
        for (; i <= dimension - Vector256<float>.Count; i += Vector256<float>.Count)
        {
            var offset = (nuint)i;
            var y = Vector256.LoadUnsafe(ref q, offset);
            a0 = Vector256.FusedMultiplyAdd(y, Vector256.LoadUnsafe(ref r0, offset), a0);
            a1 = Vector256.FusedMultiplyAdd(y, Vector256.LoadUnsafe(ref r1, offset), a1);
            a2 = Vector256.FusedMultiplyAdd(y, Vector256.LoadUnsafe(ref r2, offset), a2);
            a3 = Vector256.FusedMultiplyAdd(y, Vector256.LoadUnsafe(ref r3, offset), a3);
        }

        Store(ref Unsafe.Add(ref MemoryMarshal.GetReference(destination), r), Vector256.Sum(a0), Vector256.Sum(a1), Vector256.Sum(a2), Vector256.Sum(a3));
        Tail(query, 0, 1, rows, r, 4, i, 0, dimension, destination);
    }

    private static void Store(ref float destination, float v0, float v1, float v2, float v3)
    {
        destination = v0;
        Unsafe.Add(ref destination, 1) = v1;
        Unsafe.Add(ref destination, 2) = v2;
        Unsafe.Add(ref destination, 3) = v3;
    }

    /// <summary>Adds the elements past the last full vector, for dimensions that are not a multiple of the width.</summary>
    private static void Tail(
        ReadOnlySpan<float> queries, int q, int queryBlock, ReadOnlySpan<float> rows, int r, int rowBlock, int start, int rowCount, int dimension, Span<float> destination)
    {
        if (start == dimension)
        {
            return;
        }

        for (var a = 0; a < queryBlock; a++)
        {
            var query = queries.Slice(((q + a) * dimension) + start, dimension - start);
            for (var b = 0; b < rowBlock; b++)
            {
                destination[((q + a) * rowCount) + r + b] += TensorPrimitives.Dot(query, rows.Slice(((r + b) * dimension) + start, dimension - start));
            }
        }
    }
}
