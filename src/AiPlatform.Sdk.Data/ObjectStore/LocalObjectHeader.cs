namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>The fixed-size header at the start of every file of the local store.</summary>
internal sealed record LocalObjectHeader(string? ContentType, string Sha256, long Size, Dictionary<string, string> Metadata)
{
    /// <summary>The bytes reserved for the header; the content starts right after.</summary>
    public const int ReservedBytes = 4096;
}
