using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>Ready when Weaviate answers <c>GET /v1/.well-known/ready</c> with success.</summary>
internal sealed class WeaviateHealthCheck(IHttpClientFactory clients, string clientName) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = clients.CreateClient(clientName);
            using var response = await client.GetAsync("v1/.well-known/ready", cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Weaviate answered {(int)response.StatusCode} to the readiness probe.");
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Weaviate could not be reached.", e);
        }
    }
}
