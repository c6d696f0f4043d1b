using System.Numerics.Tensors;

namespace AiPlatform.Sdk.Vector.Quantization;

/// <summary>
/// Symmetric int8 scalar quantization with one scale for all dimensions: <c>code = round(value / Scale)</c>, clamped to ±127.
/// One shared scale keeps integer dot products and squared distances proportional to the float ones (by <see cref="DistanceScale"/>).
/// </summary>
public sealed class Int8Quantizer
{
    /// <summary>Creates a quantizer with a known scale.</summary>
    /// <param name="scale">The value one code step stands for; positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite.</exception>
    public Int8Quantizer(float scale)
    {
        if (!(scale > 0) || !float.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The quantization scale must be positive and finite.");
        }

        Scale = scale;
    }

    /// <summary>The value one code step stands for.</summary>
    public float Scale { get; }

    /// <summary>The factor that turns an integer dot product or squared distance of codes into the float one: <c>Scale²</c>.</summary>
    public float DistanceScale => Scale * Scale;

    /// <summary>
    /// Fits the scale to sample vectors so that the 99.99th percentile of absolute values maps to 127 (rare outliers are clamped).
    /// </summary>
    /// <param name="samples">Row-major sample vectors.</param>
    /// <returns>The trained quantizer.</returns>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is empty or holds only zeros.</exception>
    public static Int8Quantizer Train(ReadOnlySpan<float> samples)
    {
        if (samples.IsEmpty)
        {
            throw new ArgumentException("Quantization needs at least one sample vector.", nameof(samples));
        }

        var magnitudes = new float[samples.Length];
        TensorPrimitives.Abs(samples, magnitudes);
        Array.Sort(magnitudes);
        var bound = magnitudes[(int)Math.Min(magnitudes.Length - 1, Math.Floor(magnitudes.Length * 0.9999))];
        if (!(bound > 0))
        {
            throw new ArgumentException("Quantization samples hold only zeros.", nameof(samples));
        }

        return new Int8Quantizer(bound / 127f);
    }

    /// <summary>Encodes a vector into codes.</summary>
    /// <param name="vector">The float vector.</param>
    /// <param name="destination">Receives one code per dimension.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="vector"/>.</exception>
    public void Encode(ReadOnlySpan<float> vector, Span<sbyte> destination)
    {
        if (destination.Length < vector.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} codes but {vector.Length} are needed.", nameof(destination));
        }

        var inverse = 1f / Scale;
        for (var i = 0; i < vector.Length; i++)
        {
            destination[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] * inverse), -127f, 127f);
        }
    }

    /// <summary>Decodes codes back into approximate float values.</summary>
    /// <param name="codes">The codes.</param>
    /// <param name="destination">Receives one value per code.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="codes"/>.</exception>
    public void Decode(ReadOnlySpan<sbyte> codes, Span<float> destination)
    {
        if (destination.Length < codes.Length)
        {
            throw new ArgumentException($"The destination holds {destination.Length} values but {codes.Length} are needed.", nameof(destination));
        }

        for (var i = 0; i < codes.Length; i++)
        {
            destination[i] = codes[i] * Scale;
        }
    }
}
