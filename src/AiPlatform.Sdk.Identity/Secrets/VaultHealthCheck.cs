using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Identity.Secrets;

/// <summary>Ready when Vault's <c>GET /v1/sys/health</c> answers 200 (initialized, unsealed, active) or 429 (unsealed standby).</summary>
internal sealed class VaultHealthCheck(IHttpClientFactory httpClientFactory, string httpClientName) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await httpClientFactory.CreateClient(httpClientName)
                .GetAsync("v1/sys/health", cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode is 200 or 429
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"Vault answered {(int)response.StatusCode} (501: not initialized, 503: sealed).");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
