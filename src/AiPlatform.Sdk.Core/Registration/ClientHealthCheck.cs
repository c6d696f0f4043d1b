using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Registration;

/// <summary>Builds a client's readiness check when it runs, so that a client that cannot even be created (a model file missing, a bad setting) reports unhealthy with the reason.</summary>
internal sealed class ClientHealthCheck(Func<IHealthCheck> create) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        IHealthCheck check;
        try
        {
            check = create();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }

        return await check.CheckHealthAsync(context, cancellationToken).ConfigureAwait(false);
    }
}
