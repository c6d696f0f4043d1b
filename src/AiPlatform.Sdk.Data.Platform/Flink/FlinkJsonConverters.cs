using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Data.Platform.Flink;

/// <summary>Flink's timestamps: milliseconds since the epoch, <c>-1</c> for one that has not happened (a running job's end).</summary>
internal sealed class EpochMillisecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        var milliseconds = reader.GetInt64();
        return milliseconds < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value?.ToUnixTimeMilliseconds() ?? -1);
}

/// <summary>Flink's durations: milliseconds.</summary>
internal sealed class MillisecondsConverter : JsonConverter<TimeSpan>
{
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeSpan.FromMilliseconds(Math.Max(0, reader.GetInt64()));

    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue((long)value.TotalMilliseconds);
}
