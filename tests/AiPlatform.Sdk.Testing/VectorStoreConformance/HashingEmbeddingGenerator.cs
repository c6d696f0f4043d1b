using Microsoft.Extensions.AI;

namespace AiPlatform.Sdk.Testing.VectorStoreConformance;

/// <summary>
/// A small deterministic <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> for tests: each lower-cased word is hashed into one of
/// <see cref="Dimensions"/> buckets and the counts are L2-normalised, so texts that share words are near each other.
/// It counts the inputs it embedded.
/// </summary>
public sealed class HashingEmbeddingGenerator(int dimensions = 64) : IEmbeddingGenerator<string, Embedding<float>>
{
    private int _embedded;

    /// <summary>The number of dimensions of every embedding.</summary>
    public int Dimensions { get; } = dimensions;

    /// <summary>How many inputs were embedded so far.</summary>
    public int Embedded => Volatile.Read(ref _embedded);

    /// <inheritdoc/>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        foreach (var value in values)
        {
            cancellationToken.ThrowIfCancellationRequested();
            embeddings.Add(new Embedding<float>(Embed(value)));
            Interlocked.Increment(ref _embedded);
        }

        return Task.FromResult(embeddings);
    }

    /// <summary>The vector of <paramref name="text"/>, without counting it.</summary>
    public float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', ';', ':', '!', '?', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries))
        {
            vector[(int)(Fnv(word) % (uint)Dimensions)] += 1;
        }

        vector[0] += 1e-3f;
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        return vector.Select(v => v / norm).ToArray();
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata)
            ? new EmbeddingGeneratorMetadata("hashing", null, "hashing-test", Dimensions)
            : serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    /// <inheritdoc/>
    public void Dispose()
    {
    }

    private static uint Fnv(string word)
    {
        var hash = 2166136261u;
        foreach (var c in word)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
