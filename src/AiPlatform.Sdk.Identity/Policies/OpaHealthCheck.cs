using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Identity.Policies;

/// <summary>Ready when OPA's <c>GET /health</c> answers 200.</summary>
internal sealed class OpaHealthCheck(IHttpClientFactory httpClientFactory, string httpClientName) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await httpClientFactory.CreateClient(httpClientName).GetAsync("health", cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"OPA answered {(int)response.StatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
