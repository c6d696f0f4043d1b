namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>The construction and search parameters of an HNSW graph.</summary>
public sealed record HnswParameters
{
    /// <summary>Links per node on the upper layers (twice as many on layer 0). Default 16; 2 to 128.</summary>
    public int M { get; init; } = 16;

    /// <summary>The candidate list size while inserting. Default 128; at least <see cref="M"/>.</summary>
    public int EfConstruction { get; init; } = 128;

    /// <summary>The default candidate list size while searching. Default 64.</summary>
    public int EfSearch { get; init; } = 64;

    /// <summary>The seed of the level generator: the same seed and insert order build the same graph. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid parameter.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public void Validate()
    {
        if (M is < 2 or > 128)
        {
            throw new ArgumentOutOfRangeException(nameof(M), M, "HNSW M must be between 2 and 128.");
        }

        if (EfConstruction < M)
        {
            throw new ArgumentOutOfRangeException(nameof(EfConstruction), EfConstruction, "HNSW EfConstruction must be at least M.");
        }

        if (EfSearch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(EfSearch), EfSearch, "HNSW EfSearch must be positive.");
        }
    }
}
