using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace AiPlatform.Sdk.Benchmarks.Ann;

/// <summary>
/// The standard ANN benchmark files: <c>.fvecs</c> (per vector: int32 dimension, then that many float32) and <c>.ivecs</c>
/// (the same with int32 values, used for ground-truth neighbor ids). Little-endian.
/// </summary>
internal static class VecsFile
{
    public static (float[] Values, int Count, int Dimension) ReadFloats(string path)
    {
        var (bytes, count, dimension) = Read(path);
        var values = new float[count * dimension];
        for (var i = 0; i < count; i++)
        {
            MemoryMarshal.Cast<byte, float>(bytes.AsSpan((i * (dimension + 1) * 4) + 4, dimension * 4)).CopyTo(values.AsSpan(i * dimension));
        }

        return (values, count, dimension);
    }

    public static (int[] Values, int Count, int Dimension) ReadInts(string path)
    {
        var (bytes, count, dimension) = Read(path);
        var values = new int[count * dimension];
        for (var i = 0; i < count; i++)
        {
            MemoryMarshal.Cast<byte, int>(bytes.AsSpan((i * (dimension + 1) * 4) + 4, dimension * 4)).CopyTo(values.AsSpan(i * dimension));
        }

        return (values, count, dimension);
    }

    public static void Write<T>(string path, ReadOnlySpan<T> values, int dimension)
        where T : unmanaged
    {
        using var stream = File.Create(path);
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, dimension);
        for (var i = 0; i < values.Length / dimension; i++)
        {
            stream.Write(header);
            stream.Write(MemoryMarshal.AsBytes(values.Slice(i * dimension, dimension)));
        }
    }

    private static (byte[] Bytes, int Count, int Dimension) Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 4)
        {
            throw new InvalidDataException($"{path} is empty.");
        }

        var dimension = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var stride = (dimension + 1) * 4;
        if (dimension <= 0 || bytes.Length % stride != 0)
        {
            throw new InvalidDataException($"{path} is not a vecs file: dimension {dimension}, {bytes.Length} bytes.");
        }

        return (bytes, bytes.Length / stride, dimension);
    }
}
