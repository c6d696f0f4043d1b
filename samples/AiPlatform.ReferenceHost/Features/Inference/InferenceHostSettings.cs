namespace AiPlatform.ReferenceHost.Features.Inference;

/// <summary>How the host serves the Open Inference Protocol, bound from <c>AiPlatform:Serving:Protocol</c>.</summary>
internal sealed class InferenceHostSettings
{
    public const string SectionPath = "AiPlatform:Serving:Protocol";

    /// <summary>The model repository in Triton's layout; default <c>{AiPlatform:DataPath}/models</c>.</summary>
    public string? ModelRepository { get; set; }

    /// <summary>
    /// A second port for gRPC over cleartext HTTP/2 (prior knowledge, as Triton's port 8001 and every gRPC client use); 0 picks a
    /// free port. When unset, gRPC is answered only where the main endpoints speak HTTP/2 (TLS with ALPN, or an HTTP/2-only URL).
    /// </summary>
    public int? GrpcPort { get; set; }

    /// <summary>The largest request body (REST) or message (gRPC) accepted, in bytes; default 64 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 64L * 1024 * 1024;
}
