using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.AspNetCore;

/// <summary>The bounds of <c>POST /v1/embeddings</c>, bound from <c>AiPlatform:Server:Embeddings</c>.</summary>
internal sealed class EmbeddingsEndpointSettings
{
    public const string SectionPath = "AiPlatform:Server:Embeddings";

    /// <summary>The most texts one request may hold; default 2048.</summary>
    [Range(1, 100_000)]
    public int MaxInputs { get; set; } = 2048;

    /// <summary>The longest text, in characters (tokens beyond the model's maximum are cut anyway); default 8192.</summary>
    [Range(1, 10_000_000)]
    public int MaxInputCharacters { get; set; } = 8_192;

    /// <summary>
    /// How many requests are read and embedded at once (the generator batches concurrent requests into shared runs); default 8.
    /// </summary>
    [Range(1, 1024)]
    public int MaxConcurrentRequests { get; set; } = 8;

    /// <summary>How many more wait, their bodies not yet read; beyond them requests are refused with 429. Default 64.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequests { get; set; } = 64;
}
