namespace AiPlatform.Sdk.Data.Events;

/// <summary>The header names the SDK writes on events.</summary>
public static class EventHeaders
{
    /// <summary>The payload's schema name.</summary>
    public const string Type = "aiplatform-type";

    /// <summary>The payload's schema version.</summary>
    public const string Version = "aiplatform-version";

    /// <summary>The W3C trace context of the publishing span.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>The W3C trace state of the publishing span.</summary>
    public const string TraceState = "tracestate";

    /// <summary>On a dead letter: the last error's message.</summary>
    public const string Error = "aiplatform-error";

    /// <summary>On a dead letter: the last error's type.</summary>
    public const string ErrorType = "aiplatform-error-type";

    /// <summary>On a dead letter: the topic the event came from.</summary>
    public const string OriginalTopic = "aiplatform-original-topic";

    /// <summary>On a dead letter: the partition the event came from.</summary>
    public const string OriginalPartition = "aiplatform-original-partition";

    /// <summary>On a dead letter: the offset the event had.</summary>
    public const string OriginalOffset = "aiplatform-original-offset";

    /// <summary>On a dead letter: how many times the handler was tried.</summary>
    public const string Attempts = "aiplatform-attempts";
}
