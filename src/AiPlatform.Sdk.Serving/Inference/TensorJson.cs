using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Converts tensor elements between the raw layout and the JSON <c>data</c> arrays of the REST protocol.</summary>
internal static class TensorJson
{
    public static void WriteData(Utf8JsonWriter writer, string datatype, ReadOnlySpan<byte> raw)
    {
        writer.WriteStartArray();
        switch (datatype)
        {
            case "BOOL":
                foreach (var b in raw) { writer.WriteBooleanValue(b != 0); }
                break;
            case "UINT8":
                foreach (var b in raw) { writer.WriteNumberValue(b); }
                break;
            case "INT8":
                foreach (var b in raw) { writer.WriteNumberValue((sbyte)b); }
                break;
            case "UINT16":
                for (var i = 0; i < raw.Length; i += 2) { writer.WriteNumberValue(BinaryPrimitives.ReadUInt16LittleEndian(raw[i..])); }
                break;
            case "INT16":
                for (var i = 0; i < raw.Length; i += 2) { writer.WriteNumberValue(BinaryPrimitives.ReadInt16LittleEndian(raw[i..])); }
                break;
            case "UINT32":
                for (var i = 0; i < raw.Length; i += 4) { writer.WriteNumberValue(BinaryPrimitives.ReadUInt32LittleEndian(raw[i..])); }
                break;
            case "INT32":
                for (var i = 0; i < raw.Length; i += 4) { writer.WriteNumberValue(BinaryPrimitives.ReadInt32LittleEndian(raw[i..])); }
                break;
            case "UINT64":
                for (var i = 0; i < raw.Length; i += 8) { writer.WriteNumberValue(BinaryPrimitives.ReadUInt64LittleEndian(raw[i..])); }
                break;
            case "INT64":
                for (var i = 0; i < raw.Length; i += 8) { writer.WriteNumberValue(BinaryPrimitives.ReadInt64LittleEndian(raw[i..])); }
                break;
            case "FP16":
                for (var i = 0; i < raw.Length; i += 2) { writer.WriteNumberValue((float)BinaryPrimitives.ReadHalfLittleEndian(raw[i..])); }
                break;
            case "BF16":
                for (var i = 0; i < raw.Length; i += 2) { writer.WriteNumberValue((float)BFloat16.FromBits(BinaryPrimitives.ReadUInt16LittleEndian(raw[i..]))); }
                break;
            case "FP32":
                for (var i = 0; i < raw.Length; i += 4) { writer.WriteNumberValue(BinaryPrimitives.ReadSingleLittleEndian(raw[i..])); }
                break;
            case "FP64":
                for (var i = 0; i < raw.Length; i += 8) { writer.WriteNumberValue(BinaryPrimitives.ReadDoubleLittleEndian(raw[i..])); }
                break;
            case "BYTES":
                WriteStrings(writer, raw);
                break;
            default:
                throw new FormatException($"Datatype '{datatype}' cannot be written as JSON.");
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads a (possibly nested) JSON <c>data</c> array into the raw layout.</summary>
    public static byte[] ReadData(JsonElement data, string datatype)
    {
        var size = new InferenceDataType(datatype).ElementSize;
        if (size == 0 && datatype != "BYTES")
        {
            throw new FormatException($"Unknown datatype '{datatype}'.");
        }

        var output = new ArrayBufferWriter<byte>();
        Flatten(data, element => Append(output, element, datatype, size));
        return output.WrittenSpan.ToArray();
    }

    private static void WriteStrings(Utf8JsonWriter writer, ReadOnlySpan<byte> raw)
    {
        var offset = 0;
        while (offset < raw.Length)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(raw[offset..]);
            var element = raw.Slice(offset + 4, length);
            if (!System.Text.Unicode.Utf8.IsValid(element))
            {
                throw new FormatException("A BYTES element is not valid UTF-8 and cannot travel as JSON; use the binary tensor data extension.");
            }

            writer.WriteStringValue(element);
            offset += 4 + length;
        }
    }

    private static void Flatten(JsonElement element, Action<JsonElement> visit)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, visit);
            }
        }
        else
        {
            visit(element);
        }
    }

    private static void Append(ArrayBufferWriter<byte> output, JsonElement element, string datatype, int size)
    {
        if (datatype == "BYTES")
        {
            var bytes = element.ValueKind == JsonValueKind.String
                ? Encoding.UTF8.GetBytes(element.GetString()!)
                : throw new FormatException($"BYTES data must be strings, found {element.ValueKind}.");
            BinaryPrimitives.WriteInt32LittleEndian(output.GetSpan(4), bytes.Length);
            output.Advance(4);
            output.Write(bytes);
            return;
        }

        var span = output.GetSpan(size)[..size];
        try
        {
            switch (datatype)
            {
                case "BOOL": span[0] = element.ValueKind == JsonValueKind.True || (element.ValueKind == JsonValueKind.Number && element.GetInt32() != 0) ? (byte)1 : (byte)0; break;
                case "UINT8": span[0] = element.GetByte(); break;
                case "INT8": span[0] = (byte)element.GetSByte(); break;
                case "UINT16": BinaryPrimitives.WriteUInt16LittleEndian(span, element.GetUInt16()); break;
                case "INT16": BinaryPrimitives.WriteInt16LittleEndian(span, element.GetInt16()); break;
                case "UINT32": BinaryPrimitives.WriteUInt32LittleEndian(span, element.GetUInt32()); break;
                case "INT32": BinaryPrimitives.WriteInt32LittleEndian(span, element.GetInt32()); break;
                case "UINT64": BinaryPrimitives.WriteUInt64LittleEndian(span, element.GetUInt64()); break;
                case "INT64": BinaryPrimitives.WriteInt64LittleEndian(span, element.GetInt64()); break;
                case "FP16": BinaryPrimitives.WriteHalfLittleEndian(span, (Half)element.GetSingle()); break;
                case "BF16": BinaryPrimitives.WriteUInt16LittleEndian(span, ((BFloat16)element.GetSingle()).Bits); break;
                case "FP32": BinaryPrimitives.WriteSingleLittleEndian(span, element.GetSingle()); break;
                default: BinaryPrimitives.WriteDoubleLittleEndian(span, element.GetDouble()); break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException)
        {
            throw new FormatException(
                string.Create(CultureInfo.InvariantCulture, $"The value {element.GetRawText()} is not a valid {datatype} element."), ex);
        }

        output.Advance(size);
    }
}
