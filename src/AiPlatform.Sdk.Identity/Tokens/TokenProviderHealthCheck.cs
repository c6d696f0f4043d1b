using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Identity.Tokens;

/// <summary>Ready when a token can be obtained (from cache or the provider).</summary>
internal sealed class TokenProviderHealthCheck(ClientCredentialsTokenProvider provider) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await provider.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (AiPlatformException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
