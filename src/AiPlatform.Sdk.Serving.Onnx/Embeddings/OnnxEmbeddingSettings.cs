using System.ComponentModel.DataAnnotations;
using AiPlatform.Sdk.Serving.Onnx;

namespace AiPlatform.Sdk.Serving.Embeddings;

/// <summary>
/// Settings of local text embeddings, bound from <c>AiPlatform:Serving:Embeddings</c>: the model folder, tokenisation, batching,
/// pooling and the ONNX Runtime session (threads, optimisation level, execution provider).
/// </summary>
public sealed class OnnxEmbeddingSettings : OnnxSessionSettings
{
    /// <summary>
    /// A folder holding <c>model.onnx</c> and <c>vocab.txt</c> (a BERT-family sentence-embedding model), or the <c>.onnx</c> file itself
    /// with <c>vocab.txt</c> beside it. Relative paths resolve against the working directory.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string? ModelPath { get; set; }

    /// <summary>The model id reported in metadata; the folder's name when unset.</summary>
    public string? ModelId { get; set; }

    /// <summary>The most tokens, <c>[CLS]</c> and <c>[SEP]</c> included, one text is embedded with; default 256 (all-MiniLM-L6-v2's limit).</summary>
    [Range(2, 8192)]
    public int MaxTokens { get; set; } = 256;

    /// <summary>What happens to longer texts; default <see cref="EmbeddingTruncation.End"/>.</summary>
    public EmbeddingTruncation Truncation { get; set; } = EmbeddingTruncation.End;

    /// <summary>The most texts in one model run; default 16. Texts are sorted by length and padded to the longest in their batch.</summary>
    [Range(1, 4096)]
    public int BatchSize { get; set; } = 16;

    /// <summary>The most tokens, padding included, in one model run, which bounds memory; default 8192. A single text always fits.</summary>
    [Range(16, 1 << 24)]
    public int MaxBatchTokens { get; set; } = 8192;

    /// <summary>
    /// The most model runs at once, across all callers; 0 (the default) fills the processors: their count divided by
    /// <see cref="OnnxSessionSettings.IntraOpThreads"/> (1 when that is 0, since ONNX Runtime then uses every core per run).
    /// For throughput set <see cref="OnnxSessionSettings.IntraOpThreads"/> to 1; for the lowest latency of single requests leave it 0.
    /// </summary>
    [Range(0, 1024)]
    public int ConcurrentBatches { get; set; }

    /// <summary>
    /// Whether small batches of concurrent callers share one model run while all runs are busy; default <see langword="true"/>.
    /// Nothing waits for a merge. Turn it off when results must not depend on which texts ran together (int8 quantized models).
    /// </summary>
    public bool MicroBatching { get; set; } = true;

    /// <summary>How token vectors become one embedding; default <see cref="EmbeddingPooling.Mean"/>. Use what the model was trained with.</summary>
    public EmbeddingPooling Pooling { get; set; } = EmbeddingPooling.Mean;

    /// <summary>Whether vectors are scaled to unit length (cosine similarity becomes a dot product); default <see langword="true"/>.</summary>
    public bool Normalize { get; set; } = true;

    /// <summary>Whether the vocabulary is lower-case (uncased models) so that text is lower-cased and stripped of accents; default <see langword="true"/>.</summary>
    public bool LowerCase { get; set; } = true;
}
