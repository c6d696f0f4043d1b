using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiPlatform.Sdk.Serving.Onnx;

/// <summary>Maps .NET element types to ONNX tensor element types and back.</summary>
internal static class OnnxElementTypes
{
    private static readonly Dictionary<Type, TensorElementType> ByType = new()
    {
        [typeof(float)] = TensorElementType.Float,
        [typeof(double)] = TensorElementType.Double,
        [typeof(long)] = TensorElementType.Int64,
        [typeof(int)] = TensorElementType.Int32,
        [typeof(short)] = TensorElementType.Int16,
        [typeof(sbyte)] = TensorElementType.Int8,
        [typeof(ulong)] = TensorElementType.UInt64,
        [typeof(uint)] = TensorElementType.UInt32,
        [typeof(ushort)] = TensorElementType.UInt16,
        [typeof(byte)] = TensorElementType.UInt8,
        [typeof(bool)] = TensorElementType.Bool,
        [typeof(Float16)] = TensorElementType.Float16,
        [typeof(BFloat16)] = TensorElementType.BFloat16,
        [typeof(string)] = TensorElementType.String,
    };

    private static readonly Dictionary<TensorElementType, Type> ByElementType = ByType.ToDictionary(p => p.Value, p => p.Key);

    public static TensorElementType Of<T>() =>
        ByType.TryGetValue(typeof(T), out var elementType)
            ? elementType
            : throw new NotSupportedException($"ONNX tensors of {typeof(T).Name} are not supported.");

    public static Type? ToType(TensorElementType elementType) => ByElementType.GetValueOrDefault(elementType);
}
