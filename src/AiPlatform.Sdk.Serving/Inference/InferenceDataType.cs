namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>
/// A tensor datatype of the Open Inference Protocol (<c>BOOL</c>, <c>UINT8</c> ... <c>FP64</c>, <c>BYTES</c>). An open set: a
/// server may name a datatype this SDK does not know, which then has no element size.
/// </summary>
public readonly record struct InferenceDataType
{
    /// <summary>Creates a datatype from its protocol name, such as <c>FP32</c>.</summary>
    /// <param name="name">The protocol name.</param>
    public InferenceDataType(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
    }

    /// <summary>The protocol name, such as <c>FP32</c>.</summary>
    public string Name { get; }

    /// <summary>Boolean, one byte per element.</summary>
    public static InferenceDataType Bool { get; } = new("BOOL");

    /// <summary>Unsigned 8-bit integer.</summary>
    public static InferenceDataType UInt8 { get; } = new("UINT8");

    /// <summary>Unsigned 16-bit integer.</summary>
    public static InferenceDataType UInt16 { get; } = new("UINT16");

    /// <summary>Unsigned 32-bit integer.</summary>
    public static InferenceDataType UInt32 { get; } = new("UINT32");

    /// <summary>Unsigned 64-bit integer.</summary>
    public static InferenceDataType UInt64 { get; } = new("UINT64");

    /// <summary>Signed 8-bit integer.</summary>
    public static InferenceDataType Int8 { get; } = new("INT8");

    /// <summary>Signed 16-bit integer.</summary>
    public static InferenceDataType Int16 { get; } = new("INT16");

    /// <summary>Signed 32-bit integer.</summary>
    public static InferenceDataType Int32 { get; } = new("INT32");

    /// <summary>Signed 64-bit integer.</summary>
    public static InferenceDataType Int64 { get; } = new("INT64");

    /// <summary>IEEE half precision (<see cref="Half"/>).</summary>
    public static InferenceDataType Fp16 { get; } = new("FP16");

    /// <summary>Brain floating point (<see cref="Inference.BFloat16"/>).</summary>
    public static InferenceDataType BF16 { get; } = new("BF16");

    /// <summary>IEEE single precision.</summary>
    public static InferenceDataType Fp32 { get; } = new("FP32");

    /// <summary>IEEE double precision.</summary>
    public static InferenceDataType Fp64 { get; } = new("FP64");

    /// <summary>Variable-length byte strings, which may contain zero bytes.</summary>
    public static InferenceDataType Bytes { get; } = new("BYTES");

    /// <summary>The size of one element in bytes; 0 for <see cref="Bytes"/> and for datatypes this SDK does not know.</summary>
    public int ElementSize => Name switch
    {
        "BOOL" or "UINT8" or "INT8" => 1,
        "UINT16" or "INT16" or "FP16" or "BF16" => 2,
        "UINT32" or "INT32" or "FP32" => 4,
        "UINT64" or "INT64" or "FP64" => 8,
        _ => 0,
    };

    /// <summary>Whether this is one of the protocol's datatypes.</summary>
    public bool IsKnown => ElementSize > 0 || Name == "BYTES";

    /// <inheritdoc/>
    public override string ToString() => Name ?? string.Empty;
}
