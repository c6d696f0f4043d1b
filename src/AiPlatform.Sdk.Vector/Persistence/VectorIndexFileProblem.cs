namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>What is wrong with an index file or write-ahead log.</summary>
public enum VectorIndexFileProblem
{
    /// <summary>The file does not start with the index magic: it is not an index file.</summary>
    NotAnIndex,

    /// <summary>The file was written in a format version this library does not read.</summary>
    UnsupportedVersion,

    /// <summary>The file ends before the data its header announces.</summary>
    Truncated,

    /// <summary>A checksum does not match: bytes were changed after writing.</summary>
    ChecksumMismatch,

    /// <summary>The file is intact but describes another index (dimension, metric or kind differ from what was asked for).</summary>
    Mismatch,
}
