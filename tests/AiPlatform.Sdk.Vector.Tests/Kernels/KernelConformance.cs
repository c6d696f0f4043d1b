using AiPlatform.Sdk.Vector.Kernels;

namespace AiPlatform.Sdk.Vector.Tests.Kernels;

/// <summary>
/// Every kernel against <see cref="ScalarReference"/> on random data, at lengths around the 8- and 16-float vector widths, for
/// every SIMD width the kernel has a path for, forced (the 512-bit path runs emulated where AVX-512 is absent). Shared by the xunit tests and the child
/// process that repeats them with AVX-512 disabled.
/// </summary>
internal static class KernelConformance
{
    public static readonly int[] Lengths = [1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100, 127, 129, 384, 385];

    /// <summary>Every width, for kernels with a hand-written path per width.</summary>
    public static readonly KernelWidth[] Widths = [KernelWidth.Auto, KernelWidth.Scalar, KernelWidth.Vector256, KernelWidth.Vector512];

    /// <summary>
    /// Kernels without a path per width (<c>TensorPrimitives</c> picks its own; Hamming is scalar popcount) run once: forcing a
    /// width they ignore would only repeat the same case under another name.
    /// </summary>
    public static readonly KernelWidth[] AutoOnly = [KernelWidth.Auto];

    /// <summary>Each check by name, with the widths it runs at; a check hands the width to the kernel it tests.</summary>
    public static readonly IReadOnlyDictionary<string, KernelCheck> Checks = new Dictionary<string, KernelCheck>
    {
        ["float-dot"] = new(AutoOnly, _ => PairsFloat((x, y) => FloatKernels.Dot(x, y), ScalarReference.Dot)),
        ["float-cosine"] = new(AutoOnly, _ => PairsFloat((x, y) => FloatKernels.Cosine(x, y), ScalarReference.Cosine, relative: true)),
        ["float-squared-l2"] = new(Widths, w => PairsFloat((x, y) => FloatKernels.SquaredL2Core(x, y, w), ScalarReference.SquaredL2)),
        ["float-dot-many"] = new(Widths, w => Many((q, rows, d, dest) => FloatKernels.DotMany(q, rows, d, dest, w), ScalarReference.Dot)),
        ["float-squared-l2-many"] = new(Widths, w => Many((q, rows, d, dest) => FloatKernels.SquaredL2Many(q, rows, d, dest, w), ScalarReference.SquaredL2)),
        ["float-dot-block"] = new(Widths, w => Block((q, rows, d, dest) => FloatKernels.DotBlock(q, rows, d, dest, w), ScalarReference.Dot)),
        ["float-squared-l2-block"] = new(Widths, w => Block((q, rows, d, dest) => FloatKernels.SquaredL2Block(q, rows, d, dest, w), ScalarReference.SquaredL2)),
        ["int8-dot"] = new(Widths, w => PairsInt8((x, y) => Int8Kernels.DotCore(x, y, w), ScalarReference.Dot)),
        ["int8-squared-l2"] = new(Widths, w => PairsInt8((x, y) => Int8Kernels.SquaredL2Core(x, y, w), ScalarReference.SquaredL2)),
        ["int8-dot-block"] = new(Widths, Int8Block),
        ["binary-hamming"] = new(AutoOnly, _ => Hamming()),
    };

    public static int CheckCount => Checks.Values.Sum(c => c.Widths.Count);

    /// <summary>Runs every check at each of its widths and returns a line per failure.</summary>
    public static IEnumerable<string> RunAll()
    {
        foreach (var (name, check) in Checks)
        {
            foreach (var width in check.Widths)
            {
                string? failure = null;
                try
                {
                    check.Run(width);
                }
                catch (KernelMismatchException e)
                {
                    failure = $"{name} at {width}: {e.Message}";
                }

                if (failure is not null)
                {
                    yield return failure;
                }
            }
        }
    }

    private delegate float PairKernel(ReadOnlySpan<float> x, ReadOnlySpan<float> y);

    private delegate double PairReference(ReadOnlySpan<float> x, ReadOnlySpan<float> y);

    private delegate void ManyKernel(ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int dimension, Span<float> destination);

    private delegate int Int8Kernel(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y);

    private delegate long Int8Reference(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y);

    private static void PairsFloat(PairKernel kernel, PairReference reference, bool relative = false)
    {
        var random = new Random(11);
        foreach (var length in Lengths)
        {
            var x = RandomFloats(random, length);
            var y = RandomFloats(random, length);
            var expected = reference(x, y);
            var tolerance = relative ? 1e-4 : ScalarReference.Tolerance(x, y);
            Expect(kernel(x, y), expected, tolerance, $"length {length}");
        }
    }

    private static void Many(ManyKernel kernel, PairReference reference)
    {
        var random = new Random(12);
        foreach (var dimension in Lengths)
        {
            const int rowCount = 7;
            var query = RandomFloats(random, dimension);
            var rows = RandomFloats(random, rowCount * dimension);
            var destination = new float[rowCount];
            kernel(query, rows, dimension, destination);
            for (var r = 0; r < rowCount; r++)
            {
                var row = rows.AsSpan(r * dimension, dimension);
                Expect(destination[r], reference(query, row), ScalarReference.Tolerance(query, row), $"dimension {dimension}, row {r}");
            }
        }
    }

    private static void Block(ManyKernel kernel, PairReference reference)
    {
        var random = new Random(13);
        foreach (var dimension in Lengths)
        {
            foreach (var (queryCount, rowCount) in new[] { (1, 1), (4, 4), (5, 7), (9, 10), (12, 3) })
            {
                var queries = RandomFloats(random, queryCount * dimension);
                var rows = RandomFloats(random, rowCount * dimension);
                var destination = new float[queryCount * rowCount];
                kernel(queries, rows, dimension, destination);
                for (var q = 0; q < queryCount; q++)
                {
                    var query = queries.AsSpan(q * dimension, dimension);
                    for (var r = 0; r < rowCount; r++)
                    {
                        var row = rows.AsSpan(r * dimension, dimension);
                        Expect(destination[(q * rowCount) + r], reference(query, row), ScalarReference.Tolerance(query, row),
                            $"dimension {dimension}, {queryCount}x{rowCount} block, query {q}, row {r}");
                    }
                }
            }
        }
    }

    private static void PairsInt8(Int8Kernel kernel, Int8Reference reference)
    {
        var random = new Random(14);
        foreach (var length in Lengths.Append(1000))
        {
            var x = RandomCodes(random, length);
            var y = RandomCodes(random, length);
            var actual = kernel(x, y);
            if (actual != reference(x, y))
            {
                throw new KernelMismatchException($"length {length}: got {actual}, expected {reference(x, y)}");
            }
        }
    }

    private static void Int8Block(KernelWidth width)
    {
        var random = new Random(15);
        foreach (var dimension in Lengths)
        {
            var queries = RandomCodes(random, 3 * dimension);
            var rows = RandomCodes(random, 5 * dimension);
            var destination = new int[15];
            Int8Kernels.DotBlock(queries, rows, dimension, destination, width);
            for (var i = 0; i < 15; i++)
            {
                var expected = ScalarReference.Dot(queries.AsSpan((i / 5) * dimension, dimension), rows.AsSpan((i % 5) * dimension, dimension));
                if (destination[i] != expected)
                {
                    throw new KernelMismatchException($"dimension {dimension}, pair {i}: got {destination[i]}, expected {expected}");
                }
            }
        }
    }

    private static void Hamming()
    {
        var random = new Random(16);
        foreach (var length in Lengths)
        {
            var query = new byte[length];
            var codes = new byte[3 * length];
            random.NextBytes(query);
            random.NextBytes(codes);
            var destination = new int[3];
            BinaryKernels.HammingMany(query, codes, length, destination);
            for (var r = 0; r < 3; r++)
            {
                var expected = ScalarReference.Hamming(query, codes.AsSpan(r * length, length));
                if (destination[r] != expected || BinaryKernels.Hamming(query, codes.AsSpan(r * length, length)) != expected)
                {
                    throw new KernelMismatchException($"length {length}, code {r}: got {destination[r]}, expected {expected}");
                }
            }
        }
    }

    private static void Expect(double actual, double expected, double tolerance, string where)
    {
        if (!(Math.Abs(actual - expected) <= tolerance))
        {
            throw new KernelMismatchException($"{where}: got {actual}, expected {expected} (tolerance {tolerance:G3})");
        }
    }

    private static float[] RandomFloats(Random random, int length)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 4) - 2);
        }

        return values;
    }

    private static sbyte[] RandomCodes(Random random, int length)
    {
        var values = new sbyte[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = (sbyte)random.Next(-128, 128);
        }

        return values;
    }

    /// <summary>One kernel check: the widths it runs at and the check itself.</summary>
    internal sealed record KernelCheck(IReadOnlyList<KernelWidth> Widths, Action<KernelWidth> Run);

    /// <summary>A kernel disagreed with the reference.</summary>
    internal sealed class KernelMismatchException(string message) : Exception(message);
}
