using System.Collections;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// Writes protocol messages as the REST side of the protocol does: proto field names, integers (64-bit included) as JSON
/// numbers, enums by name, every scalar field present.
/// </summary>
internal static class ProtoJson
{
    public static void Write(Utf8JsonWriter writer, IMessage message)
    {
        writer.WriteStartObject();
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.FieldType == FieldType.Message && !field.IsRepeated && !field.IsMap && value is null)
            {
                continue;
            }

            writer.WritePropertyName(field.Name);
            if (field.IsMap)
            {
                var valueField = field.MessageType.FindFieldByNumber(2);
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in (IDictionary)value)
                {
                    writer.WritePropertyName(Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!);
                    WriteValue(writer, valueField, entry.Value);
                }

                writer.WriteEndObject();
            }
            else if (field.IsRepeated)
            {
                writer.WriteStartArray();
                foreach (var item in (IList)value)
                {
                    WriteValue(writer, field, item);
                }

                writer.WriteEndArray();
            }
            else
            {
                WriteValue(writer, field, value);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, FieldDescriptor field, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case IMessage message: Write(writer, message); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case ByteString bytes: writer.WriteBase64StringValue(bytes.Span); break;
            case int number when field.FieldType == FieldType.Enum:
                writer.WriteStringValue(field.EnumType.FindValueByNumber(number)?.Name ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case Enum enumeration:
                var numeric = Convert.ToInt32(enumeration, System.Globalization.CultureInfo.InvariantCulture);
                writer.WriteStringValue(field.EnumType.FindValueByNumber(numeric)?.Name ?? numeric.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case int i: writer.WriteNumberValue(i); break;
            case uint u: writer.WriteNumberValue(u); break;
            case long l: writer.WriteNumberValue(l); break;
            case ulong ul: writer.WriteNumberValue(ul); break;
            case float f: writer.WriteNumberValue(f); break;
            case double d: writer.WriteNumberValue(d); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
