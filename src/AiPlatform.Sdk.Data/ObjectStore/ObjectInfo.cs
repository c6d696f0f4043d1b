namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>The description of a stored object.</summary>
/// <param name="Bucket">The bucket.</param>
/// <param name="Key">The key.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="LastModified">When it was last written.</param>
/// <param name="ContentType">Its media type, if known.</param>
/// <param name="Sha256">The lowercase hex SHA-256 recorded when it was written, if known.</param>
/// <param name="Metadata">The user metadata (keys lowercase); empty in listings.</param>
public sealed record ObjectInfo(
    string Bucket,
    string Key,
    long Size,
    DateTimeOffset LastModified,
    string? ContentType,
    string? Sha256,
    IReadOnlyDictionary<string, string> Metadata);
