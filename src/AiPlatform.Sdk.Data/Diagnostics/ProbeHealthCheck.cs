using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Data.Diagnostics;

/// <summary>Reports a Data backend healthy when its probe succeeds.</summary>
internal sealed class ProbeHealthCheck(IHealthProbe probe, string description) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await probe.ProbeAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy(description);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{description}: {ex.Message}", ex);
        }
    }
}
