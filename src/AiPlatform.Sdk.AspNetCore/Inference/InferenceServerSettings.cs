using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>How the host serves the Open Inference Protocol, bound from <c>AiPlatform:Server:Inference</c>.</summary>
internal sealed class InferenceServerSettings
{
    public const string SectionPath = "AiPlatform:Server:Inference";

    /// <summary>The model repository in Triton's layout; default <c>{AiPlatform:DataPath}/models</c>.</summary>
    public string? ModelRepository { get; set; }

    /// <summary>
    /// A second port for gRPC over cleartext HTTP/2 (prior knowledge, as Triton's port 8001 and every gRPC client use); 0 picks a
    /// free port. When unset, gRPC is answered only where the main endpoints speak HTTP/2 (TLS with ALPN, or an HTTP/2-only URL).
    /// </summary>
    public int? GrpcPort { get; set; }

    /// <summary>The largest request body (REST) or message (gRPC) accepted, in bytes; default 64 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// The largest batch (the first dimension of an input of rank 2 or more, when the model leaves it open) of a model whose
    /// configuration sets no <c>max_batch_size</c>; default 8.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxBatchSize { get; set; } = 8;

    /// <summary>
    /// The largest value of any other dimension the model leaves open (sequence length, image side) of a model whose
    /// configuration has no <c>max_sequence_length</c> parameter; default 512.
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxSequenceLength { get; set; } = 512;

    /// <summary>How many inference requests one model runs at once; default 2.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentRequestsPerModel { get; set; } = 2;

    /// <summary>How many more wait for a model's slot; beyond them requests are refused with 429 or RESOURCE_EXHAUSTED. Default 16.</summary>
    [Range(0, 100_000)]
    public int MaxQueuedRequestsPerModel { get; set; } = 16;
}
