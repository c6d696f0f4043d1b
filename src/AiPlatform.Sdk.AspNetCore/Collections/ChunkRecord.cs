using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.AspNetCore.Collections;

/// <summary>One indexed chunk: its text, where it came from, and its embedding (dimension set per collection, code-first).</summary>
internal sealed class ChunkRecord
{
    public Guid Id { get; set; }

    public string DocumentId { get; set; } = "";

    public string Source { get; set; } = "";

    public string Text { get; set; } = "";

    public int Start { get; set; }

    public int End { get; set; }

    public string[] Tags { get; set; } = [];

    public ReadOnlyMemory<float> Vector { get; set; }

    /// <summary>The record definition of a collection with <paramref name="entry"/>'s dimension, distance and index kind.</summary>
    public static VectorStoreCollectionDefinition Definition(CatalogEntry entry) => new()
    {
        Properties =
        [
            new VectorStoreKeyProperty(nameof(Id), typeof(Guid)),
            new VectorStoreDataProperty(nameof(DocumentId), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(Source), typeof(string)) { IsIndexed = true },
            new VectorStoreDataProperty(nameof(Text), typeof(string)) { IsFullTextIndexed = true },
            new VectorStoreDataProperty(nameof(Start), typeof(int)),
            new VectorStoreDataProperty(nameof(End), typeof(int)),
            new VectorStoreDataProperty(nameof(Tags), typeof(string[])) { IsIndexed = true },
            new VectorStoreVectorProperty(nameof(Vector), typeof(ReadOnlyMemory<float>), entry.Dimensions)
            {
                DistanceFunction = entry.Distance,
                IndexKind = entry.IndexKind,
            },
        ],
    };
}
