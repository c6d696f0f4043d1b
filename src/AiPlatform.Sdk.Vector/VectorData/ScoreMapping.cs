using Microsoft.Extensions.VectorData;

namespace AiPlatform.Sdk.Vector.VectorData;

/// <summary>
/// Turns an index distance into the score a <see cref="DistanceFunction"/> promises. Both the engine and Weaviate report
/// cosine as <c>1 - cos</c>, dot product as <c>-dot</c> and Euclidean as the squared distance, so one mapping serves both.
/// </summary>
internal static class ScoreMapping
{
    /// <summary>The score of a match at <paramref name="distance"/> under <paramref name="distanceFunction"/>.</summary>
    public static double ToScore(double distance, string distanceFunction) => distanceFunction switch
    {
        DistanceFunction.CosineSimilarity => 1 - distance,
        DistanceFunction.DotProductSimilarity => -distance,
        DistanceFunction.EuclideanDistance => Math.Sqrt(Math.Max(0, distance)),
        _ => distance,
    };

    /// <summary>Whether higher scores are better (similarities) rather than lower (distances).</summary>
    public static bool HigherIsBetter(string distanceFunction) =>
        distanceFunction is DistanceFunction.CosineSimilarity or DistanceFunction.DotProductSimilarity;

    /// <summary>Whether <paramref name="score"/> passes <paramref name="threshold"/> (at least for similarities, at most for distances).</summary>
    public static bool Passes(double score, double? threshold, string distanceFunction) =>
        threshold is not { } limit || (HigherIsBetter(distanceFunction) ? score >= limit : score <= limit);
}
