using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>Maps ONNX element types to the protocol's datatypes and Triton's configuration types.</summary>
internal static class OnnxDatatypes
{
    private static readonly (TensorElementType Onnx, Type Clr, string Datatype, AiPlatform.Sdk.Serving.Inference.Protocol.DataType Config)[] Map =
    [
        (TensorElementType.Bool, typeof(bool), "BOOL", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeBool),
        (TensorElementType.UInt8, typeof(byte), "UINT8", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeUint8),
        (TensorElementType.UInt16, typeof(ushort), "UINT16", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeUint16),
        (TensorElementType.UInt32, typeof(uint), "UINT32", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeUint32),
        (TensorElementType.UInt64, typeof(ulong), "UINT64", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeUint64),
        (TensorElementType.Int8, typeof(sbyte), "INT8", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeInt8),
        (TensorElementType.Int16, typeof(short), "INT16", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeInt16),
        (TensorElementType.Int32, typeof(int), "INT32", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeInt32),
        (TensorElementType.Int64, typeof(long), "INT64", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeInt64),
        (TensorElementType.Float16, typeof(Float16), "FP16", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeFp16),
        (TensorElementType.BFloat16, typeof(BFloat16), "BF16", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeBf16),
        (TensorElementType.Float, typeof(float), "FP32", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeFp32),
        (TensorElementType.Double, typeof(double), "FP64", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeFp64),
        (TensorElementType.String, typeof(string), "BYTES", AiPlatform.Sdk.Serving.Inference.Protocol.DataType.TypeString),
    ];

    public static string? Datatype(Type? clr) => Map.FirstOrDefault(m => m.Clr == clr).Datatype;

    public static string? Datatype(TensorElementType onnx) => Map.FirstOrDefault(m => m.Onnx == onnx).Datatype;

    public static TensorElementType Onnx(string datatype) => Map.First(m => m.Datatype == datatype).Onnx;

    public static AiPlatform.Sdk.Serving.Inference.Protocol.DataType Config(string datatype) => Map.FirstOrDefault(m => m.Datatype == datatype).Config;
}
