namespace AiPlatform.Sdk.Vector.Indexing;

/// <summary>One search result.</summary>
/// <param name="Id">The record id given at insert.</param>
/// <param name="Distance">The distance under the index's <see cref="DistanceMetric"/>; lower is closer.</param>
public readonly record struct VectorMatch(long Id, float Distance);
