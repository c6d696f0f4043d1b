namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>Per-query search settings.</summary>
public sealed class IndexSearchOptions
{
    /// <summary>
    /// A metadata filter over record ids: only ids for which it returns <see langword="true"/> are returned. Searches still return
    /// <c>k</c> results when enough records pass, however selective the filter is.
    /// </summary>
    public Func<long, bool>? Filter { get; init; }

    /// <summary>HNSW only: the size of the dynamic candidate list; defaults to the index's <c>EfSearch</c>, and is at least <c>k</c>.</summary>
    public int? Ef { get; init; }

    /// <summary>HNSW only: whether a quantized index walks its graph over int8 codes (then re-ranks with float vectors). Default <see langword="true"/>.</summary>
    public bool UseQuantized { get; init; } = true;

    /// <summary>Flat only: scan on several threads (partitioned by rows, merged at the end).</summary>
    public bool Parallel { get; init; }
}
