namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>How the token vectors of a text become one embedding; use what the model was trained with.</summary>
public enum EmbeddingPooling
{
    /// <summary>The mean of the token vectors under the attention mask (sentence-transformers models such as all-MiniLM-L6-v2); the default.</summary>
    Mean,

    /// <summary>The vector of the first token, <c>[CLS]</c> (models such as Snowflake's arctic-embed).</summary>
    Cls,
}
