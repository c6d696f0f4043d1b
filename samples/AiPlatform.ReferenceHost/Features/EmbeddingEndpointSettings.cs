using System.ComponentModel.DataAnnotations;

namespace AiPlatform.ReferenceHost.Features;

/// <summary>The bounds of <c>POST /v1/embeddings</c>, bound from <c>AiPlatform:Serving:EmbeddingsEndpoint</c>.</summary>
internal sealed class EmbeddingEndpointSettings
{
    public const string SectionPath = "AiPlatform:Serving:EmbeddingsEndpoint";

    /// <summary>The most texts one request may hold; default 2048.</summary>
    [Range(1, 100_000)]
    public int MaxInputs { get; set; } = 2048;

    /// <summary>The longest text, in characters (tokens beyond the model's maximum are cut anyway); default 65536.</summary>
    [Range(1, 10_000_000)]
    public int MaxInputCharacters { get; set; } = 65_536;

    /// <summary>How many requests the model embeds at once; default 2.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentRequests { get; set; } = 2;

    /// <summary>How many more wait; beyond them requests are refused with 429. Default 16.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequests { get; set; } = 16;
}
