using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using AiPlatform.Sdk.Vector.VectorData;
using Google.Protobuf;
using AiPlatform.Sdk.Vector.Weaviate.Protocol;
using ProtoValue = AiPlatform.Sdk.Vector.Weaviate.Protocol.Value;
using StructValue = Google.Protobuf.WellKnownTypes.Value;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>Converts between <see cref="PayloadValue"/> normal form and Weaviate's wire values (gRPC and REST JSON).</summary>
internal static class WeaviateValues
{
    /// <summary>The Weaviate data type of a data property of CLR type <paramref name="type"/>.</summary>
    public static string DataType(Type type)
    {
        var element = PayloadValue.ElementType(type);
        var scalar = element ?? Nullable.GetUnderlyingType(type) ?? type;
        var name = scalar == typeof(string) ? "text"
            : scalar == typeof(bool) ? "boolean"
            : scalar == typeof(Guid) ? "uuid"
            : scalar == typeof(DateTime) || scalar == typeof(DateTimeOffset) ? "date"
            : scalar == typeof(double) || scalar == typeof(float) || scalar == typeof(decimal) ? "number"
            : "int";
        return element is null ? name : name + "[]";
    }

    /// <summary>Packs a float vector as Weaviate's <c>vector_bytes</c>: float32 little-endian.</summary>
    public static ByteString Pack(ReadOnlySpan<float> vector) => ByteString.CopyFrom(MemoryMarshal.AsBytes(vector));

    /// <summary>Unpacks <c>vector_bytes</c>.</summary>
    public static float[] Unpack(ByteString bytes) => MemoryMarshal.Cast<byte, float>(bytes.Span).ToArray();

    /// <summary>Adds one data value to the properties of a batch object.</summary>
    public static void AddTo(BatchObject.Types.Properties properties, string name, object? value)
    {
        switch (value)
        {
            case null:
                properties.NonRefProperties.Fields[name] = StructValue.ForNull();
                break;
            case string[] { Length: 0 } or long[] { Length: 0 } or double[] { Length: 0 }:
                properties.EmptyListProps.Add(name);
                break;
            case string[] texts:
                properties.TextArrayProperties.Add(new TextArrayProperties { PropName = name, Values = { texts } });
                break;
            case long[] numbers:
                properties.IntArrayProperties.Add(new IntArrayProperties { PropName = name, Values = { numbers } });
                break;
            case double[] numbers:
                properties.NumberArrayProperties.Add(new NumberArrayProperties { PropName = name, Values = { numbers } });
                break;
            default:
                properties.NonRefProperties.Fields[name] = Scalar(value);
                break;
        }
    }

    /// <summary>Reads a returned property value into normal form.</summary>
    public static object? FromProto(ProtoValue value) => value.KindCase switch
    {
        ProtoValue.KindOneofCase.TextValue => value.TextValue,
        ProtoValue.KindOneofCase.IntValue => value.IntValue,
        ProtoValue.KindOneofCase.NumberValue => value.NumberValue,
        ProtoValue.KindOneofCase.BoolValue => value.BoolValue,
        ProtoValue.KindOneofCase.UuidValue => Guid.Parse(value.UuidValue),
        ProtoValue.KindOneofCase.DateValue => DateTimeOffset.Parse(value.DateValue, CultureInfo.InvariantCulture),
        ProtoValue.KindOneofCase.ListValue => FromList(value.ListValue),
        _ => null,
    };

    /// <summary>Reads a REST JSON property value into the normal form of a property of CLR type <paramref name="type"/>.</summary>
    public static object? FromJson(JsonElement element, Type type)
    {
        if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (PayloadValue.ElementType(type) is { } itemType)
        {
            var items = element.EnumerateArray().Select(e => FromJson(e, itemType)).ToArray();
            return PayloadValue.Normalize(PayloadValue.ToType(items, type));
        }

        var scalar = Nullable.GetUnderlyingType(type) ?? type;
        return scalar switch
        {
            _ when scalar == typeof(string) => element.GetString(),
            _ when scalar == typeof(bool) => element.GetBoolean(),
            _ when scalar == typeof(Guid) => element.GetGuid(),
            _ when scalar == typeof(DateTime) || scalar == typeof(DateTimeOffset) => element.GetDateTimeOffset(),
            _ when scalar == typeof(double) || scalar == typeof(float) || scalar == typeof(decimal) => element.GetDouble(),
            _ => element.GetInt64(),
        };
    }

    private static StructValue Scalar(object value) => value switch
    {
        string text => StructValue.ForString(text),
        long number => StructValue.ForNumber(number),
        double number => StructValue.ForNumber(number),
        bool flag => StructValue.ForBool(flag),
        Guid guid => StructValue.ForString(guid.ToString()),
        DateTimeOffset time => StructValue.ForString(time.ToString("O", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"A value of type {value.GetType().Name} cannot be sent to Weaviate."),
    };

    private static object? FromList(ListValue list) => list.KindCase switch
    {
        ListValue.KindOneofCase.TextValues => list.TextValues.Values.ToArray(),
        ListValue.KindOneofCase.IntValues => Longs(list.IntValues.Values),
        ListValue.KindOneofCase.NumberValues => Doubles(list.NumberValues.Values),
        ListValue.KindOneofCase.UuidValues => list.UuidValues.Values.ToArray(),
        ListValue.KindOneofCase.DateValues => list.DateValues.Values.ToArray(),
        _ => Array.Empty<string>(),
    };

    private static long[] Longs(ByteString bytes)
    {
        var values = new long[bytes.Length / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.Span[(i * 8)..]);
        }

        return values;
    }

    private static double[] Doubles(ByteString bytes)
    {
        var values = new double[bytes.Length / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.Span[(i * 8)..]);
        }

        return values;
    }
}
