using Microsoft.Extensions.Http.Resilience;

namespace AiPlatform.Sdk.Http;

/// <summary>How one SDK HTTP client departs from the shared pipeline.</summary>
public sealed class PlatformHttpClientOptions
{
    /// <summary>
    /// When <see langword="true"/>, POST and PATCH calls are retried too. Only for APIs whose writes are idempotent (an
    /// inference call, an upsert by key); default <see langword="false"/>.
    /// </summary>
    public bool RetryNonIdempotentRequests { get; set; }

    /// <summary>A last change to the resilience options (for example a narrower <c>ShouldHandle</c>), applied after the platform's settings.</summary>
    public Action<HttpStandardResilienceOptions>? ConfigureResilience { get; set; }
}
