namespace AiPlatform.Sdk.Data.Events;

/// <summary>One event on a stream: a payload with its schema name and version, a key that picks the partition, and headers.</summary>
public sealed class StreamEvent
{
    /// <summary>The schema (type) name of the payload, sent as header <c>aiplatform-type</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The schema version, sent as header <c>aiplatform-version</c>. Default 1.</summary>
    public int Version { get; init; } = 1;

    /// <summary>The key: events with the same key go to the same partition, in order.</summary>
    public string? Key { get; init; }

    /// <summary>The payload bytes, UTF-8 JSON for typed publishers.</summary>
    public required ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Extra headers, including the W3C <c>traceparent</c> of the publishing span on received events.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The topic, set on received events.</summary>
    public string? Topic { get; init; }

    /// <summary>The partition, set on received events.</summary>
    public int Partition { get; init; }

    /// <summary>The offset within the partition, set on received events.</summary>
    public long Offset { get; init; }
}
