namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>What happens to a text with more tokens than <see cref="OnnxEmbeddingSettings.MaxTokens"/>.</summary>
public enum EmbeddingTruncation
{
    /// <summary>Keep the first tokens and embed them; the embedding's metadata reports the truncation. The default, as the reference pipeline does.</summary>
    End,

    /// <summary>Refuse the request with an <see cref="AiPlatformValidationException"/>.</summary>
    Reject,
}
