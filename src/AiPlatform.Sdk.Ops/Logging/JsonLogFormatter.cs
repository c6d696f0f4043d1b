using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AiPlatform.Sdk.Ops.Redaction;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace AiPlatform.Sdk.Ops.Logging;

/// <summary>
/// One JSON object per console line, the shape log shippers (Fluent Bit, Promtail, Logstash) ingest without a custom parser:
/// <c>timestamp</c> (UTC, ISO 8601), <c>level</c>, <c>category</c>, <c>eventId</c>, <c>message</c>, <c>traceId</c> and <c>spanId</c> of the
/// current span, <c>exception</c>, and the message template's and scopes' values under <c>attributes</c>. Secrets are masked.
/// </summary>
internal sealed class JsonLogFormatter(SecretScrubber scrubber) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "aiplatform-json";
    private const string OriginalFormat = "{OriginalFormat}";

    // Log lines are read by people and shippers, never embedded in HTML: keep '+', quotes and non-ASCII text readable.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            json.WriteString("level", logEntry.LogLevel.ToString());
            json.WriteString("category", logEntry.Category);
            if (logEntry.EventId.Id != 0)
            {
                json.WriteNumber("eventId", logEntry.EventId.Id);
            }

            if (logEntry.EventId.Name is { } eventName)
            {
                json.WriteString("eventName", eventName);
            }

            json.WriteString("message", scrubber.Scrub(message ?? string.Empty));
            if (Activity.Current is { } activity)
            {
                json.WriteString("traceId", activity.TraceId.ToHexString());
                json.WriteString("spanId", activity.SpanId.ToHexString());
            }

            if (logEntry.Exception is { } exception)
            {
                json.WriteString("exception", scrubber.Scrub(exception.ToString()));
            }

            json.WriteStartObject("attributes");
            WriteAttributes(json, logEntry.State);
            scopeProvider?.ForEachScope(static (scope, state) => state.Formatter.WriteAttributes(state.Json, scope), (Formatter: this, Json: json));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        textWriter.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
        textWriter.Write(Environment.NewLine);
    }

    private void WriteAttributes(Utf8JsonWriter json, object? state)
    {
        if (state is not IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return;
        }

        foreach (var (key, value) in pairs)
        {
            if (key == OriginalFormat)
            {
                continue;
            }

            switch (scrubber.ScrubAttribute(key, value))
            {
                case null:
                    json.WriteNull(key);
                    break;
                case bool flag:
                    json.WriteBoolean(key, flag);
                    break;
                case int or long or short or byte or uint or ulong or ushort or sbyte:
                    json.WriteNumber(key, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case double or float or decimal:
                    json.WriteNumber(key, Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case var other:
                    json.WriteString(key, scrubber.Scrub(Convert.ToString(other, CultureInfo.InvariantCulture) ?? string.Empty));
                    break;
            }
        }
    }
}
