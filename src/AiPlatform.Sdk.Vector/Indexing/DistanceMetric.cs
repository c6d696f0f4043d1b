namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>How an index measures closeness. <see cref="VectorMatch.Distance"/> is always "lower is closer".</summary>
public enum DistanceMetric
{
    /// <summary>Cosine: vectors are normalized on insert and the distance is <c>1 - cos</c> (0 to 2).</summary>
    Cosine = 0,

    /// <summary>Inner product: the distance is <c>-(q·v)</c>, so larger products rank first.</summary>
    DotProduct = 1,

    /// <summary>Squared Euclidean distance.</summary>
    Euclidean = 2,
}
