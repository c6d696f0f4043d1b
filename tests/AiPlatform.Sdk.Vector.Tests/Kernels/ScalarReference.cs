namespace AiPlatform.Sdk.Vector.Tests.Kernels;

/// <summary>Plain loops in double precision: the reference every kernel is checked against.</summary>
internal static class ScalarReference
{
    public static double Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += (double)x[i] * y[i];
        }

        return sum;
    }

    public static double SquaredL2(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = (double)x[i] - y[i];
            sum += d * d;
        }

        return sum;
    }

    public static double Cosine(ReadOnlySpan<float> x, ReadOnlySpan<float> y) => Dot(x, y) / Math.Sqrt(Dot(x, x) * Dot(y, y));

    public static long Dot(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y)
    {
        long sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    public static long SquaredL2(ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> y)
    {
        long sum = 0;
        for (var i = 0; i < x.Length; i++)
        {
            var d = x[i] - y[i];
            sum += d * d;
        }

        return sum;
    }

    public static int Hamming(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y)
    {
        var bits = 0;
        for (var i = 0; i < x.Length; i++)
        {
            for (var b = 0; b < 8; b++)
            {
                bits += ((x[i] ^ y[i]) >> b) & 1;
            }
        }

        return bits;
    }

    /// <summary>The error a float kernel may make: a small multiple of float rounding over the magnitude of the summed terms.</summary>
    public static double Tolerance(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        var magnitude = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            magnitude += Math.Abs((double)x[i] * y[i]) + ((double)x[i] * x[i]) + ((double)y[i] * y[i]);
        }

        return (1e-5 * magnitude) + 1e-6;
    }
}
