using System.Diagnostics.Metrics;
using Microsoft.Extensions.AI;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>Options of an <see cref="EmbeddedVectorStore"/>.</summary>
public sealed class EmbeddedVectorStoreOptions
{
    /// <summary>
    /// The folder that holds one sub-folder per collection (schema and write-ahead log); collections are reopened from it after a
    /// restart. <see langword="null"/> keeps everything in memory.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>
    /// The generator used for vector properties that are not float vectors (such as <see cref="string"/>) and for searching with
    /// text; a collection definition's own generator wins.
    /// </summary>
    public IEmbeddingGenerator? EmbeddingGenerator { get; set; }

    /// <summary>
    /// The index settings of vector properties whose record definition does not choose them: <see cref="VectorSettings.Metric"/>,
    /// <see cref="VectorSettings.Kind"/>, the HNSW parameters and <see cref="VectorSettings.Quantize"/>. <c>AddVectorStore()</c> passes
    /// the settings bound from <c>AiPlatform:Vector</c>. A collection keeps the settings it was created with.
    /// </summary>
    public VectorSettings IndexDefaults { get; set; } = new();

    /// <summary>The Vector layer's meter, which <c>AddVectorStore()</c> passes; the store publishes its collections' sizes on it.</summary>
    internal Meter? Meter { get; set; }
}
