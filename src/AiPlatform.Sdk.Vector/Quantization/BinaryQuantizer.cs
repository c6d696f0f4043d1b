namespace AiPlatform.Sdk.Vector.Quantization;

/// <summary>1-bit quantization: one bit per dimension, set when the value is positive, packed eight dimensions per byte (low bit first).</summary>
public static class BinaryQuantizer
{
    /// <summary>Returns how many bytes the code of a <paramref name="dimension"/>-long vector takes.</summary>
    /// <param name="dimension">The vector's length.</param>
    /// <returns><c>ceil(dimension / 8)</c>.</returns>
    public static int CodeLength(int dimension) => (dimension + 7) / 8;

    /// <summary>Encodes a vector into its sign bits.</summary>
    /// <param name="vector">The float vector.</param>
    /// <param name="destination">Receives <see cref="CodeLength"/> bytes.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public static void Encode(ReadOnlySpan<float> vector, Span<byte> destination)
    {
        var length = CodeLength(vector.Length);
        if (destination.Length < length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes but {length} are needed.", nameof(destination));
        }

        destination[..length].Clear();
        for (var i = 0; i < vector.Length; i++)
        {
            if (vector[i] > 0)
            {
                destination[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
    }
}
