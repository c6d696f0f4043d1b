using AiPlatform.Sdk.Vector.Kernels;
using CsCheck;

namespace AiPlatform.Sdk.Vector.Tests.Kernels;

/// <summary>The kernels against <see cref="ScalarReference"/> on generated lengths and values, at every forced width.</summary>
public sealed class KernelPropertyTests
{
    private static readonly Gen<KernelWidth> Widths = Gen.OneOf(KernelConformance.Widths);

    // Components below 1e-6 in magnitude are generated as 0: their squares underflow float (1e-32 squared is below float's smallest
    // subnormal), where the kernels compute, but not double, where the reference does — a vector of such components has a cosine in
    // the reference and a zero norm in any float kernel (CsCheck seed bqxDW5zN_p62 drew [-8.6e-32, 0, 0]).
    private static readonly Gen<float> Components = Gen.Float[-8f, 8f].Select(v => MathF.Abs(v) < 1e-6f ? 0f : v);

    private static readonly Gen<(float[] X, float[] Y, KernelWidth Width)> FloatPairs =
        Gen.Int[1, 700].SelectMany(n => Gen.Select(Components.Array[n], Components.Array[n], Widths));

    private static readonly Gen<(sbyte[] X, sbyte[] Y, KernelWidth Width)> CodePairs =
        Gen.Int[1, 1100].SelectMany(n => Gen.Select(Gen.SByte.Array[n], Gen.SByte.Array[n], Widths));

    private static readonly Gen<(int Dimension, float[] Queries, float[] Rows, KernelWidth Width)> Blocks =
        Gen.Select(Gen.Int[1, 80], Gen.Int[1, 9], Gen.Int[1, 11], Widths)
            .SelectMany((d, q, r, w) => Gen.Select(Gen.Float[-4f, 4f].Array[d * q], Gen.Float[-4f, 4f].Array[d * r])
                .Select((queries, rows) => (d, queries, rows, w)));

    [Fact]
    public void Squared_L2_matches_the_reference()
    {
        FloatPairs.Sample(c =>
            Assert.InRange(FloatKernels.SquaredL2Core(c.X, c.Y, c.Width) - ScalarReference.SquaredL2(c.X, c.Y), -Tolerance(c.X, c.Y), Tolerance(c.X, c.Y)));
    }

    [Fact]
    public void Dot_and_cosine_match_the_reference()
    {
        FloatPairs.Sample(c =>
        {
            Assert.InRange(FloatKernels.Dot(c.X, c.Y) - ScalarReference.Dot(c.X, c.Y), -Tolerance(c.X, c.Y), Tolerance(c.X, c.Y));
            var cosine = ScalarReference.Cosine(c.X, c.Y);
            Assert.True(double.IsNaN(cosine) ? float.IsNaN(FloatKernels.Cosine(c.X, c.Y)) : Math.Abs(FloatKernels.Cosine(c.X, c.Y) - cosine) <= 1e-3);
        });
    }

    [Fact]
    public void Int8_kernels_are_exact()
    {
        CodePairs.Sample(c =>
        {
            Assert.Equal(ScalarReference.Dot(c.X, c.Y), Int8Kernels.DotCore(c.X, c.Y, c.Width));
            Assert.Equal(ScalarReference.SquaredL2(c.X, c.Y), Int8Kernels.SquaredL2Core(c.X, c.Y, c.Width));
        });
    }

    [Fact]
    public void Blocked_dot_and_squared_L2_match_the_reference_for_every_pair()
    {
        Blocks.Sample(c =>
        {
            var queryCount = c.Queries.Length / c.Dimension;
            var rowCount = c.Rows.Length / c.Dimension;
            var dots = new float[queryCount * rowCount];
            var distances = new float[queryCount * rowCount];

            FloatKernels.DotBlock(c.Queries, c.Rows, c.Dimension, dots, c.Width);
            FloatKernels.SquaredL2Block(c.Queries, c.Rows, c.Dimension, distances, c.Width);

            for (var i = 0; i < dots.Length; i++)
            {
                var query = c.Queries.AsSpan(i / rowCount * c.Dimension, c.Dimension);
                var row = c.Rows.AsSpan(i % rowCount * c.Dimension, c.Dimension);
                var tolerance = ScalarReference.Tolerance(query, row);
                Assert.InRange(dots[i] - ScalarReference.Dot(query, row), -tolerance, tolerance);
                Assert.InRange(distances[i] - ScalarReference.SquaredL2(query, row), -tolerance, tolerance);
            }
        });
    }

    [Fact]
    public void Hamming_matches_the_reference()
    {
        Gen.Int[1, 200].SelectMany(n => Gen.Select(Gen.Byte.Array[n], Gen.Byte.Array[n])).Sample(c =>
            Assert.Equal(ScalarReference.Hamming(c.Item1, c.Item2), BinaryKernels.Hamming(c.Item1, c.Item2)));
    }

    private static double Tolerance(float[] x, float[] y) => ScalarReference.Tolerance(x, y);
}
