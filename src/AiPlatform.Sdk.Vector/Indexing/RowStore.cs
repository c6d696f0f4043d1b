namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>
/// Append-only rows of fixed width: an optional memory-mapped prefix (rows loaded from a file without copying) followed by
/// managed chunks of 1,024 rows that never move, so readers keep valid spans while one writer appends.
/// </summary>
/// <typeparam name="T">The element type: <see cref="float"/> vectors or <see cref="sbyte"/> codes.</typeparam>
internal sealed unsafe class RowStore<T>
    where T : unmanaged
{
    private const int ChunkShift = 10;
    private const int ChunkRows = 1 << ChunkShift;
    private readonly T* _mapped;
    private readonly int _mappedRows;
    private T[][] _chunks = [];
    private int _count;

    public RowStore(int width)
    {
        Width = width;
    }

    /// <summary>Creates a store whose first <paramref name="mappedRows"/> rows are read in place from <paramref name="mapped"/>.</summary>
    public RowStore(int width, T* mapped, int mappedRows)
    {
        Width = width;
        _mapped = mapped;
        _mappedRows = mappedRows;
        _count = mappedRows;
    }

    public int Width { get; }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Bytes held in managed memory (the mapped prefix is not counted: the OS pages it in and out).</summary>
    public long ManagedBytes => (long)_chunks.Length * ChunkRows * Width * sizeof(T);

    public ReadOnlySpan<T> this[int row]
    {
        get
        {
            if (row < _mappedRows)
            {
                return new ReadOnlySpan<T>(_mapped + ((long)row * Width), Width);
            }

            var local = row - _mappedRows;
            return new ReadOnlySpan<T>(_chunks[local >> ChunkShift], (local & (ChunkRows - 1)) * Width, Width);
        }
    }

    /// <summary>Returns up to <paramref name="maxRows"/> contiguous rows starting at <paramref name="row"/> (fewer at a chunk boundary).</summary>
    public ReadOnlySpan<T> Rows(int row, int maxRows, out int rows)
    {
        if (row < _mappedRows)
        {
            rows = Math.Min(maxRows, _mappedRows - row);
            return new ReadOnlySpan<T>(_mapped + ((long)row * Width), rows * Width);
        }

        var local = row - _mappedRows;
        var offset = local & (ChunkRows - 1);
        rows = Math.Min(maxRows, ChunkRows - offset);
        return new ReadOnlySpan<T>(_chunks[local >> ChunkShift], offset * Width, rows * Width);
    }

    /// <summary>Appends a row (writer only) and publishes it; returns its index.</summary>
    public int Append(ReadOnlySpan<T> values)
    {
        var row = _count;
        var local = row - _mappedRows;
        var chunk = local >> ChunkShift;
        if (chunk == _chunks.Length)
        {
            var grown = new T[chunk + 1][];
            Array.Copy(_chunks, grown, chunk);
            grown[chunk] = GC.AllocateUninitializedArray<T>(ChunkRows * Width);
            _chunks = grown;
        }

        values.CopyTo(_chunks[chunk].AsSpan((local & (ChunkRows - 1)) * Width, Width));
        Volatile.Write(ref _count, row + 1);
        return row;
    }
}
