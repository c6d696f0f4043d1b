using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Data.Platform.Common;

/// <summary>Healthy when the client's cheapest read succeeds; the SDK error's message explains an unhealthy result.</summary>
internal sealed class ProbeHealthCheck(Func<CancellationToken, Task<string?>> probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var problem = await probe(cancellationToken).ConfigureAwait(false);
            return problem is null ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(problem);
        }
        catch (AiPlatformException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }
}
