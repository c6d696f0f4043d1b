using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>Healthy when the tracking store answers its probe (an MLflow server: one experiment search).</summary>
internal sealed class TrackingHealthCheck(ITrackingProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
