namespace AiPlatform.Sdk.Data.ObjectStore;

/// <summary>Options of <see cref="IObjectStore.GetAsync"/>.</summary>
public sealed class GetObjectOptions
{
    /// <summary>The first byte to read; default 0.</summary>
    public long Offset { get; set; }

    /// <summary>How many bytes to read from <see cref="Offset"/>; <see langword="null"/> reads to the end.</summary>
    public long? Length { get; set; }

    /// <summary>
    /// When <see langword="true"/>, a whole-object read hashes the content and throws <see cref="ObjectIntegrityException"/> at its end
    /// if it does not match the recorded SHA-256. Ignored for ranged reads.
    /// </summary>
    public bool VerifyChecksum { get; set; }

    internal bool IsRange => Offset != 0 || Length is not null;
}
