namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>Options of <see cref="IObjectStore.PutAsync"/>.</summary>
public sealed class PutObjectOptions
{
    /// <summary>The media type; default <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; set; }

    /// <summary>User metadata stored with the object; keys are ASCII letters, digits and hyphens, stored lowercase.</summary>
    public IDictionary<string, string> Metadata { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Receives the number of bytes uploaded so far.</summary>
    public IProgress<long>? Progress { get; set; }
}
