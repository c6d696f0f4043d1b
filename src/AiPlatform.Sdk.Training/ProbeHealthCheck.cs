using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Training;

/// <summary>Healthy when a Training backend answers its <see cref="IReadinessProbe"/>; a backend without a probe (local jobs) is always ready.</summary>
internal sealed class ProbeHealthCheck(object backend) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (backend is not IReadinessProbe probe)
        {
            return HealthCheckResult.Healthy();
        }

        try
        {
            await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (AiPlatformException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }
}
