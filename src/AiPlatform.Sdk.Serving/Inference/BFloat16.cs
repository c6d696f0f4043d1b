using System.Runtime.InteropServices;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>
/// A brain floating-point number (<c>BF16</c>): the upper 16 bits of an IEEE single, as the protocol carries it. Converts to and
/// from <see cref="float"/> with round-to-nearest-even.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct BFloat16
{
    private BFloat16(ushort bits) => Bits = bits;

    /// <summary>The raw 16 bits.</summary>
    public ushort Bits { get; }

    /// <summary>Creates a value from its raw 16 bits.</summary>
    /// <param name="bits">The bits.</param>
    /// <returns>The value.</returns>
    public static BFloat16 FromBits(ushort bits) => new(bits);

    /// <summary>Rounds a single to the nearest <see cref="BFloat16"/> (ties to even); NaN stays NaN.</summary>
    /// <param name="value">The single.</param>
    public static explicit operator BFloat16(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value))
        {
            return new BFloat16((ushort)((bits >> 16) | 0x0040));
        }

        var rounding = 0x7FFFu + ((bits >> 16) & 1);
        return new BFloat16((ushort)((bits + rounding) >> 16));
    }

    /// <summary>Widens to a single exactly.</summary>
    /// <param name="value">The value.</param>
    public static explicit operator float(BFloat16 value) => BitConverter.UInt32BitsToSingle((uint)value.Bits << 16);

    /// <inheritdoc/>
    public override string ToString() => ((float)this).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
