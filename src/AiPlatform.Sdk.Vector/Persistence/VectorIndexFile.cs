using AiPlatform.Sdk.Vector.Indexing;

namespace AiPlatform.Sdk.Vector.Persistence;

/// <summary>
/// Saves and loads indexes in the versioned, checksummed index file format (docs/vector.md). Saving writes a temporary file,
/// flushes it to disk and renames it over the target, so a crash leaves either the old or the new file, never a mix.
/// </summary>
public static class VectorIndexFile
{
    /// <summary>Writes a consistent snapshot of <paramref name="index"/> to <paramref name="path"/>.</summary>
    /// <param name="index">The index; writers wait while the snapshot is written, searches go on.</param>
    /// <param name="path">The target file; its folder is created if needed.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Save(VectorIndex index, string path)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentException.ThrowIfNullOrEmpty(path);
        index.UnderWriteLock(core =>
        {
            IndexFileWriter.Write(core, path);
            return true;
        });
    }

    /// <summary>Loads an index file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="memoryMapped">
    /// When <see langword="true"/>, vectors are read in place from a read-only memory mapping instead of being copied (large indexes
    /// open at once and the OS pages vectors in as searches touch them); dispose the index to release the mapping.
    /// </param>
    /// <param name="verifyChecksums">Whether to check every section's CRC-32 (reads the whole file once).</param>
    /// <returns>A <see cref="FlatVectorIndex"/> or <see cref="HnswVectorIndex"/>, as saved.</returns>
    /// <exception cref="VectorIndexFileException">The file is truncated, corrupt, of another format version, or not an index.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static VectorIndex Load(string path, bool memoryMapped = false, bool verifyChecksums = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return IndexFileReader.Read(path, memoryMapped, verifyChecksums);
    }
}
