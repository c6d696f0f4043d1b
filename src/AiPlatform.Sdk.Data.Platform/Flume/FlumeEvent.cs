namespace AiPlatform.Sdk.Data.Platform.Flume;

/// <summary>One Flume event as the HTTP source's JSON handler reads it: headers and a text body.</summary>
public sealed class FlumeEvent
{
    /// <summary>The event's headers, which Flume's interceptors and channel selectors route by.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>The event's body (the JSON handler sends text; binary payloads need another handler).</summary>
    public required string Body { get; init; }
}
