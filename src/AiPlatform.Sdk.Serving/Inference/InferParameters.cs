using System.Globalization;
using System.Text.Json;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using Google.Protobuf.Collections;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Converts protocol parameters between CLR values, <see cref="InferParameter"/> and JSON.</summary>
internal static class InferParameters
{
    public static InferParameter From(object value) => value switch
    {
        bool b => new InferParameter { BoolParam = b },
        int i => new InferParameter { Int64Param = i },
        long l => new InferParameter { Int64Param = l },
        ulong u => new InferParameter { Uint64Param = u },
        float f => new InferParameter { DoubleParam = f },
        double d => new InferParameter { DoubleParam = d },
        string s => new InferParameter { StringParam = s },
        _ => throw new ArgumentException($"Parameter values are bool, integers, double or string; found {value.GetType().Name}.", nameof(value)),
    };

    public static object? ToValue(InferParameter parameter) => parameter.ParameterChoiceCase switch
    {
        InferParameter.ParameterChoiceOneofCase.BoolParam => parameter.BoolParam,
        InferParameter.ParameterChoiceOneofCase.Int64Param => parameter.Int64Param,
        InferParameter.ParameterChoiceOneofCase.Uint64Param => parameter.Uint64Param,
        InferParameter.ParameterChoiceOneofCase.DoubleParam => parameter.DoubleParam,
        InferParameter.ParameterChoiceOneofCase.StringParam => parameter.StringParam,
        _ => null,
    };

    public static long? Int64(MapField<string, InferParameter> parameters, string name) =>
        parameters.TryGetValue(name, out var p) ? p.ParameterChoiceCase switch
        {
            InferParameter.ParameterChoiceOneofCase.Int64Param => p.Int64Param,
            InferParameter.ParameterChoiceOneofCase.Uint64Param => checked((long)p.Uint64Param),
            InferParameter.ParameterChoiceOneofCase.StringParam => long.Parse(p.StringParam, CultureInfo.InvariantCulture),
            _ => null,
        } : null;

    public static bool? Bool(MapField<string, InferParameter> parameters, string name) =>
        parameters.TryGetValue(name, out var p) && p.ParameterChoiceCase == InferParameter.ParameterChoiceOneofCase.BoolParam ? p.BoolParam : null;

    public static void Write(Utf8JsonWriter writer, MapField<string, InferParameter> parameters)
    {
        writer.WriteStartObject();
        foreach (var (name, p) in parameters)
        {
            writer.WritePropertyName(name);
            switch (p.ParameterChoiceCase)
            {
                case InferParameter.ParameterChoiceOneofCase.BoolParam: writer.WriteBooleanValue(p.BoolParam); break;
                case InferParameter.ParameterChoiceOneofCase.Int64Param: writer.WriteNumberValue(p.Int64Param); break;
                case InferParameter.ParameterChoiceOneofCase.Uint64Param: writer.WriteNumberValue(p.Uint64Param); break;
                case InferParameter.ParameterChoiceOneofCase.DoubleParam: writer.WriteNumberValue(p.DoubleParam); break;
                case InferParameter.ParameterChoiceOneofCase.StringParam: writer.WriteStringValue(p.StringParam); break;
                default: writer.WriteNullValue(); break;
            }
        }

        writer.WriteEndObject();
    }

    public static void Read(JsonElement element, MapField<string, InferParameter> parameters)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            var value = property.Value;
            InferParameter? parameter = value.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => new InferParameter { BoolParam = value.GetBoolean() },
                JsonValueKind.String => new InferParameter { StringParam = value.GetString() },
                JsonValueKind.Number when value.TryGetInt64(out var l) => new InferParameter { Int64Param = l },
                JsonValueKind.Number when value.TryGetUInt64(out var u) => new InferParameter { Uint64Param = u },
                JsonValueKind.Number => new InferParameter { DoubleParam = value.GetDouble() },
                _ => null,
            };
            if (parameter is not null)
            {
                parameters[property.Name] = parameter;
            }
        }
    }
}
