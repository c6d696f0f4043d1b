using AiPlatform.Sdk.Telemetry;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.AspNetCore;

/// <summary>Liveness and readiness: <c>/health/live</c> runs no check, <c>/health/ready</c> runs every configured backend's check.</summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(AiPlatformBuilderTelemetryExtensions.ReadyTag),
        }).AllowAnonymous();
    }
}
