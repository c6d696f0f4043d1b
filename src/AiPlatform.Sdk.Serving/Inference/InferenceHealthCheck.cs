using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>Healthy when the inference server answers that it is ready.</summary>
internal sealed class InferenceHealthCheck(IInferenceClient client) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await client.IsServerReadyAsync(cancellationToken).ConfigureAwait(false)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The inference server is not ready.");
        }
        catch (AiPlatformException ex)
        {
            return HealthCheckResult.Unhealthy(ex.Message, ex);
        }
    }
}
