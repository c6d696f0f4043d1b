using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Telemetry;

/// <summary>Registration helpers for a layer's telemetry and its clients' health checks.</summary>
public static class AiPlatformBuilderTelemetryExtensions
{
    /// <summary>The tag of health checks that decide readiness; the reference host's <c>/health/ready</c> runs exactly these.</summary>
    public const string ReadyTag = "ready";

    /// <summary>Registers the <see cref="LayerTelemetry"/> of a layer once, as a keyed singleton (key = <paramref name="layerName"/>).</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="layerName">One of the names in <see cref="AiPlatformTelemetry"/>.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddLayerTelemetry(this AiPlatformBuilder builder, string layerName)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddKeyedSingleton(layerName, (sp, key) => new LayerTelemetry((string)key!, sp.GetService<IMeterFactory>()));
        return builder;
    }

    /// <summary>
    /// Adds a readiness health check named <paramref name="name"/> unless one with that name exists already, so that two
    /// registrations of the same backend check it once.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="name">The check's name, such as <c>aiplatform-mlflow</c> or <c>aiplatform-mlflow-raw</c> for a keyed client.</param>
    /// <param name="factory">Creates the check from the application's services.</param>
    /// <param name="timeout">How long the check may take; default 5 seconds.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddPlatformHealthCheck(
        this AiPlatformBuilder builder, string name, Func<IServiceProvider, IHealthCheck> factory, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.AddHealthChecks();
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            if (options.Registrations.All(r => r.Name != name))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    name, factory, HealthStatus.Unhealthy, [ReadyTag], timeout ?? TimeSpan.FromSeconds(5)));
            }
        });
        return builder;
    }
}
