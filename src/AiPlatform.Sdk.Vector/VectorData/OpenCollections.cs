namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// The persisted collections open in this process, by full folder path, each shared by every <see cref="EmbeddedVectorStore"/> that
/// uses it. A collection's write-ahead log can be open only once (the file is locked), so two stores on the same folder must share
/// the open collection rather than open it twice; the last store to let go closes it. This is process-wide state on purpose: the
/// file lock it stands for is process-wide too.
/// </summary>
internal sealed class OpenCollections
{
    private static readonly StringComparer PathComparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
    private readonly Dictionary<string, Entry> _entries = new(PathComparer);
    private readonly Lock _lock = new();

    /// <summary>The table of this process.</summary>
    public static OpenCollections Process { get; } = new();

    /// <summary>
    /// Returns the open collection at <paramref name="directory"/> with <paramref name="owner"/> recorded as one of its users, opening
    /// it with <paramref name="open"/> when no store has it open; <see langword="null"/> when it is not open and
    /// <paramref name="open"/> returns null.
    /// </summary>
    public CollectionStorage? Acquire(string directory, object owner, Func<CollectionStorage?> open)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(directory, out var entry))
            {
                if (open() is not { } storage)
                {
                    return null;
                }

                entry = new Entry(storage);
                _entries[directory] = entry;
            }

            entry.Owners.Add(owner);
            return entry.Storage;
        }
    }

    /// <summary>Records that <paramref name="owner"/> no longer uses <paramref name="storage"/>; closes it when no one does.</summary>
    public void Release(string directory, CollectionStorage storage, object owner)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(directory, out var entry) && ReferenceEquals(entry.Storage, storage) &&
                entry.Owners.Remove(owner) && entry.Owners.Count == 0)
            {
                _entries.Remove(directory);
                storage.Dispose();
            }
        }
    }

    /// <summary>Closes the collection at <paramref name="directory"/> for every store and deletes its folder.</summary>
    public void Delete(string directory)
    {
        lock (_lock)
        {
            if (_entries.Remove(directory, out var entry))
            {
                entry.Storage.Dispose();
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private sealed class Entry(CollectionStorage storage)
    {
        public CollectionStorage Storage { get; } = storage;

        public HashSet<object> Owners { get; } = new(ReferenceEqualityComparer.Instance);
    }
}
