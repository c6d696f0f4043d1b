using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Vector;

/// <summary>Reports the engine unhealthy when its data folder cannot be written.</summary>
internal sealed class VectorHealthCheck(VectorEngine engine) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problem = engine.Probe();
        return Task.FromResult(problem is null
            ? HealthCheckResult.Healthy($"Vector data folder: {engine.DataPath}")
            : HealthCheckResult.Unhealthy(problem));
    }
}
