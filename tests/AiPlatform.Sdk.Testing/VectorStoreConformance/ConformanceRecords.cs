using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Testing.VectorStoreConformance;

/// <summary>The attribute-described record of the conformance suite: every supported data kind and one 4-dimensional vector.</summary>
public sealed class Hotel
{
    /// <summary>The key.</summary>
    [VectorStoreKey]
    public Guid Id { get; set; }

    /// <summary>A text property.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string Name { get; set; } = "";

    /// <summary>An integer property.</summary>
    [VectorStoreData(IsIndexed = true)]
    public int Rating { get; set; }

    /// <summary>A floating-point property.</summary>
    [VectorStoreData(IsIndexed = true)]
    public double Price { get; set; }

    /// <summary>A boolean property.</summary>
    [VectorStoreData(IsIndexed = true)]
    public bool Open { get; set; }

    /// <summary>A tag list.</summary>
    [VectorStoreData(IsIndexed = true)]
    public string[] Tags { get; set; } = [];

    /// <summary>The vector.</summary>
    [VectorStoreVector(4, DistanceFunction = DistanceFunction.CosineSimilarity)]
    public ReadOnlyMemory<float>? Embedding { get; set; }
}

/// <summary>A record whose vector is generated from its text by the configured embedding generator.</summary>
public sealed class Note
{
    /// <summary>The key.</summary>
    [VectorStoreKey]
    public Guid Id { get; set; }

    /// <summary>The text.</summary>
    [VectorStoreData]
    public string Text { get; set; } = "";

    /// <summary>The text again, embedded on upsert.</summary>
    [VectorStoreVector(64)]
    public string Embedding => Text;
}

/// <summary>A record with a string key.</summary>
public sealed class Tagged
{
    /// <summary>The key.</summary>
    [VectorStoreKey]
    public string Id { get; set; } = "";

    /// <summary>A text property.</summary>
    [VectorStoreData]
    public string Label { get; set; } = "";

    /// <summary>The vector.</summary>
    [VectorStoreVector(2)]
    public float[]? Vector { get; set; }
}

/// <summary>A record with a numeric key.</summary>
public sealed class Numbered
{
    /// <summary>The key.</summary>
    [VectorStoreKey]
    public long Id { get; set; }

    /// <summary>A text property.</summary>
    [VectorStoreData]
    public string Label { get; set; } = "";

    /// <summary>The vector.</summary>
    [VectorStoreVector(2)]
    public float[]? Vector { get; set; }
}
