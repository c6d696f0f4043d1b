using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>
/// A named tensor of the Open Inference Protocol: its datatype, its shape and its elements in the protocol's raw layout
/// (row-major, little-endian; each <c>BYTES</c> element prefixed by its 4-byte little-endian length). Immutable.
/// </summary>
public sealed class InferenceTensor
{
    /// <summary>Creates a tensor from elements already in the protocol's raw layout.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="datatype">The datatype.</param>
    /// <param name="shape">The shape; every dimension at least 0.</param>
    /// <param name="rawData">The elements in the raw layout.</param>
    /// <exception cref="ArgumentException">The data does not hold exactly the elements the shape and datatype call for.</exception>
    public InferenceTensor(string name, InferenceDataType datatype, IReadOnlyList<long> shape, ReadOnlyMemory<byte> rawData)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        Datatype = datatype;
        Shape = [.. shape];
        RawData = rawData;
        ElementCount = TensorLayout.ElementCount(Shape);
        var problem = TensorLayout.CheckSize(datatype, ElementCount, rawData.Span);
        if (problem is not null)
        {
            throw new ArgumentException($"Tensor '{name}': {problem}", nameof(rawData));
        }
    }

    /// <summary>The tensor's name.</summary>
    public string Name { get; }

    /// <summary>The datatype.</summary>
    public InferenceDataType Datatype { get; }

    /// <summary>The shape.</summary>
    public IReadOnlyList<long> Shape { get; }

    /// <summary>The number of elements: the product of the shape.</summary>
    public long ElementCount { get; }

    /// <summary>The elements in the protocol's raw layout.</summary>
    public ReadOnlyMemory<byte> RawData { get; }

    /// <summary>
    /// Creates a tensor of fixed-size elements; the datatype follows from <typeparamref name="T"/>: <see cref="bool"/>,
    /// <see cref="byte"/>, <see cref="sbyte"/>, <see cref="ushort"/>, <see cref="short"/>, <see cref="uint"/>, <see cref="int"/>,
    /// <see cref="ulong"/>, <see cref="long"/>, <see cref="Half"/>, <see cref="BFloat16"/>, <see cref="float"/> or <see cref="double"/>.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The tensor's name.</param>
    /// <param name="values">The elements in row-major order.</param>
    /// <param name="shape">The shape; when empty, a vector of all the values.</param>
    /// <returns>The tensor, holding a copy of the values.</returns>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> has no protocol datatype, or the shape does not fit the values.</exception>
    public static InferenceTensor Create<T>(string name, ReadOnlySpan<T> values, params long[] shape)
        where T : unmanaged
    {
        var datatype = DatatypeOf<T>();
        var bytes = MemoryMarshal.AsBytes(values).ToArray();
        if (typeof(T) == typeof(bool))
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = bytes[i] == 0 ? (byte)0 : (byte)1;
            }
        }

        return new InferenceTensor(name, datatype, shape.Length == 0 ? [values.Length] : shape, bytes);
    }

    /// <summary>Creates a <c>BYTES</c> tensor; elements may contain any bytes, zero bytes included.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="elements">The elements in row-major order.</param>
    /// <param name="shape">The shape; when empty, a vector of all the elements.</param>
    /// <returns>The tensor.</returns>
    public static InferenceTensor FromBytes(string name, IReadOnlyList<ReadOnlyMemory<byte>> elements, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(elements);
        var size = 0;
        foreach (var element in elements)
        {
            size += 4 + element.Length;
        }

        var raw = new byte[size];
        var offset = 0;
        foreach (var element in elements)
        {
            BinaryPrimitives.WriteInt32LittleEndian(raw.AsSpan(offset), element.Length);
            element.Span.CopyTo(raw.AsSpan(offset + 4));
            offset += 4 + element.Length;
        }

        return new InferenceTensor(name, InferenceDataType.Bytes, shape.Length == 0 ? [elements.Count] : shape, raw);
    }

    /// <summary>Creates a <c>BYTES</c> tensor of UTF-8 strings.</summary>
    /// <param name="name">The tensor's name.</param>
    /// <param name="values">The strings in row-major order.</param>
    /// <param name="shape">The shape; when empty, a vector of all the strings.</param>
    /// <returns>The tensor.</returns>
    public static InferenceTensor FromStrings(string name, IReadOnlyList<string> values, params long[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromBytes(name, [.. values.Select(v => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(v))], shape);
    }

    /// <summary>Copies the elements out as <typeparamref name="T"/>, which must match the datatype (see <see cref="Create{T}"/>).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <returns>The elements in row-major order.</returns>
    /// <exception cref="InvalidOperationException"><typeparamref name="T"/> does not match the datatype.</exception>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        if (DatatypeOf<T>() != Datatype)
        {
            throw new InvalidOperationException($"Tensor '{Name}' holds {Datatype}, not {typeof(T).Name}.");
        }

        if (typeof(T) == typeof(bool))
        {
            return (T[])(object)RawData.Span.ToArray().Select(b => b != 0).ToArray();
        }

        return MemoryMarshal.Cast<byte, T>(RawData.Span).ToArray();
    }

    /// <summary>Returns the elements of a <c>BYTES</c> tensor.</summary>
    /// <returns>The elements in row-major order.</returns>
    /// <exception cref="InvalidOperationException">The datatype is not <c>BYTES</c>.</exception>
    public IReadOnlyList<ReadOnlyMemory<byte>> ToBytesElements()
    {
        if (Datatype != InferenceDataType.Bytes)
        {
            throw new InvalidOperationException($"Tensor '{Name}' holds {Datatype}, not BYTES.");
        }

        return TensorLayout.SplitBytes(RawData);
    }

    /// <summary>Returns the elements of a <c>BYTES</c> tensor decoded as UTF-8.</summary>
    /// <returns>The strings in row-major order.</returns>
    /// <exception cref="InvalidOperationException">The datatype is not <c>BYTES</c>.</exception>
    public IReadOnlyList<string> ToStrings() => [.. ToBytesElements().Select(e => Encoding.UTF8.GetString(e.Span))];

    private static InferenceDataType DatatypeOf<T>() => typeof(T) switch
    {
        var t when t == typeof(bool) => InferenceDataType.Bool,
        var t when t == typeof(byte) => InferenceDataType.UInt8,
        var t when t == typeof(sbyte) => InferenceDataType.Int8,
        var t when t == typeof(ushort) => InferenceDataType.UInt16,
        var t when t == typeof(short) => InferenceDataType.Int16,
        var t when t == typeof(uint) => InferenceDataType.UInt32,
        var t when t == typeof(int) => InferenceDataType.Int32,
        var t when t == typeof(ulong) => InferenceDataType.UInt64,
        var t when t == typeof(long) => InferenceDataType.Int64,
        var t when t == typeof(Half) => InferenceDataType.Fp16,
        var t when t == typeof(BFloat16) => InferenceDataType.BF16,
        var t when t == typeof(float) => InferenceDataType.Fp32,
        var t when t == typeof(double) => InferenceDataType.Fp64,
        _ => throw new ArgumentException($"{typeof(T).Name} has no Open Inference Protocol datatype.", nameof(T)),
    };
}
