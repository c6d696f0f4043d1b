using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;

namespace AiPlatform.Sdk.Ops.Redaction;

/// <summary>Masks secrets in a span's name and string attributes before any exporter sees the span.</summary>
internal sealed class RedactingActivityProcessor(SecretScrubber scrubber) : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        data.DisplayName = scrubber.Scrub(data.DisplayName);
        List<KeyValuePair<string, object?>>? changed = null;
        foreach (var tag in data.TagObjects)
        {
            var scrubbed = scrubber.ScrubAttribute(tag.Key, tag.Value);
            if (!ReferenceEquals(scrubbed, tag.Value))
            {
                (changed ??= []).Add(new(tag.Key, scrubbed));
            }
        }

        foreach (var (key, value) in changed ?? [])
        {
            data.SetTag(key, value);
        }

        if (data.StatusDescription is { } description)
        {
            data.SetStatus(data.Status, scrubber.Scrub(description));
        }
    }
}

/// <summary>Masks secrets in a log record's message, body and attributes before any exporter sees the record.</summary>
internal sealed class RedactingLogProcessor(SecretScrubber scrubber) : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        if (data.FormattedMessage is { } message)
        {
            data.FormattedMessage = scrubber.Scrub(message);
        }

        if (data.Body is { } body)
        {
            data.Body = scrubber.Scrub(body);
        }

        if (data.Exception is { } exception)
        {
            data.Exception = scrubber.Scrub(exception);
        }

        if (data.Attributes is { Count: > 0 } attributes)
        {
            data.Attributes = [.. attributes.Select(a => new KeyValuePair<string, object?>(a.Key, scrubber.ScrubAttribute(a.Key, a.Value)))];
        }
    }
}
