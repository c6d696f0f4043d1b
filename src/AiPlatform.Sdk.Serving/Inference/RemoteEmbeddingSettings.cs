using System.ComponentModel.DataAnnotations;
using AiPlatform.Sdk.Serving.Embeddings;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>
/// Settings of the embedding generator backed by a BERT-family embedding model on an inference server, bound from
/// <c>AiPlatform:Serving:Embeddings</c> when its <see cref="RemoteClientSettings.Endpoint"/> (the inference server) is set. Texts are
/// tokenised here with the model's vocabulary, sent as token ids, and the token vectors the server returns are pooled here, exactly as
/// the in-process generator does. The server is called through the keyed <see cref="IInferenceClient"/> <c>embeddings</c>.
/// </summary>
public sealed class RemoteEmbeddingSettings : RemoteClientSettings
{
    /// <summary>The inference server's transport. Default <see cref="InferenceProtocol.Grpc"/>.</summary>
    public InferenceProtocol Protocol { get; set; } = InferenceProtocol.Grpc;

    /// <summary>The model's name on the inference server.</summary>
    [Required]
    public string? Model { get; set; }

    /// <summary>The model's version; <see langword="null"/> lets the server choose.</summary>
    public string? ModelVersion { get; set; }

    /// <summary>The model's WordPiece vocabulary (<c>vocab.txt</c>), or the model folder that holds it.</summary>
    [Required]
    public string? VocabularyPath { get; set; }

    /// <summary>The most tokens per text, special tokens included; longer texts are cut. Default 256.</summary>
    [Range(2, 8192)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>Texts per inference call. Default 16.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Lower-case texts before tokenising (uncased models). Default <see langword="true"/>.</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>How token vectors become one embedding. Default <see cref="EmbeddingPooling.Mean"/>; use what the model was trained with.</summary>
    public EmbeddingPooling Pooling { get; set; } = EmbeddingPooling.Mean;

    /// <summary>Scale vectors to unit length. Default <see langword="true"/>.</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>The token-id input. Default <c>input_ids</c>.</summary>
    public string InputIdsName { get; set; } = "input_ids";

    /// <summary>The attention-mask input. Default <c>attention_mask</c>.</summary>
    public string AttentionMaskName { get; set; } = "attention_mask";

    /// <summary>The token-type input, sent when the model declares it. Default <c>token_type_ids</c>.</summary>
    public string TokenTypeIdsName { get; set; } = "token_type_ids";

    /// <summary>The output: token vectors <c>[batch, tokens, dims]</c> (mean-pooled here) or pooled vectors <c>[batch, dims]</c>. Default <c>last_hidden_state</c>.</summary>
    public string OutputName { get; set; } = "last_hidden_state";
}
