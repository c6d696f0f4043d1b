using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>
/// The inference server's readiness as Triton reports it (every model of the repository loads), answered through the standard gRPC
/// health service (<c>grpc.health.v1.Health</c>) that Kubernetes gRPC probes call.
/// </summary>
internal sealed class InferenceServerHealthCheck(ModelRepository repository) : IHealthCheck
{
    public const string Tag = "inference-server";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(repository.AllLoadable()
            ? HealthCheckResult.Healthy("Every model of the repository loads.")
            : HealthCheckResult.Unhealthy("A model of the repository fails to load."));
}
