using System.Buffers.Binary;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Size rules of the protocol's raw tensor layout, shared by the client and hosts.</summary>
internal static class TensorLayout
{
    public static long ElementCount(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException($"Shape [{string.Join(',', shape)}] has a negative dimension.", nameof(shape));
            }

            count = checked(count * dim);
        }

        return count;
    }

    /// <summary>Returns why <paramref name="raw"/> does not hold <paramref name="count"/> elements of <paramref name="datatype"/>, or <see langword="null"/>.</summary>
    public static string? CheckSize(InferenceDataType datatype, long count, ReadOnlySpan<byte> raw)
    {
        if (datatype == InferenceDataType.Bytes)
        {
            var elements = CountBytesElements(raw);
            return elements == count ? null : elements < 0
                ? "BYTES data is not a sequence of 4-byte-length-prefixed elements"
                : $"BYTES data holds {elements} elements, the shape calls for {count}";
        }

        if (datatype.ElementSize == 0)
        {
            return $"unknown datatype '{datatype}'";
        }

        var expected = count * datatype.ElementSize;
        return raw.Length == expected ? null : $"{datatype} data holds {raw.Length} bytes, the shape calls for {expected}";
    }

    public static List<ReadOnlyMemory<byte>> SplitBytes(ReadOnlyMemory<byte> raw)
    {
        var elements = new List<ReadOnlyMemory<byte>>();
        var offset = 0;
        while (offset < raw.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(raw.Span[offset..]);
            elements.Add(raw.Slice(offset + 4, length));
            offset += 4 + length;
        }

        return elements;
    }

    private static long CountBytesElements(ReadOnlySpan<byte> raw)
    {
        long count = 0;
        var offset = 0;
        while (offset < raw.Length)
        {
            if (raw.Length - offset < 4)
            {
                return -1;
            }

            var length = BinaryPrimitives.ReadInt32LittleEndian(raw[offset..]);
            if (length < 0 || length > raw.Length - offset - 4)
            {
                return -1;
            }

            offset += 4 + length;
            count++;
        }

        return count;
    }
}
