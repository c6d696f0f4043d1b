namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>How a persistent index is opened and when it checkpoints.</summary>
public sealed record PersistentIndexOptions
{
    /// <summary>Read the index file's vectors in place through a memory mapping instead of copying them. Default <see langword="false"/>.</summary>
    public bool MemoryMapped { get; init; }

    /// <summary>Write a new index file and empty the log once the log grows past this many bytes. Default 64 MiB.</summary>
    public long CheckpointBytes { get; init; } = 64L << 20;
}
