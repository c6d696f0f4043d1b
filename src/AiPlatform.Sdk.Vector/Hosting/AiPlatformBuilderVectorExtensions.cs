using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Vector;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk;

/// <summary>Adds the Vector layer's in-process engine to the platform.</summary>
public static class AiPlatformBuilderVectorExtensions
{
    /// <summary>The name of the engine's readiness health check.</summary>
    public const string HealthCheckName = "aiplatform-vector";

    /// <summary>
    /// Registers <see cref="VectorEngine"/> (a singleton registry of named indexes) with <see cref="VectorOptions"/> bound from
    /// <c>AiPlatform:Vector</c> (data folder default <c>{AiPlatform:DataPath}/vector</c>), the Vector layer's telemetry and a
    /// readiness health check. Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddVector(this AiPlatformBuilder builder, Action<VectorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings("Vector", configure);
        if (builder.Services.Any(d => d.ServiceType == typeof(VectorEngine)))
        {
            return builder;
        }

        builder.Services.AddOptions<VectorOptions>().PostConfigure<IOptions<AiPlatformOptions>>((options, platform) =>
            options.DataPath ??= Path.Combine(platform.Value.DataPath, "vector"));
        builder.AddLayerTelemetry(AiPlatformTelemetry.Vector);
        builder.Services.TryAddSingleton(sp => new VectorEngine(
            sp.GetRequiredService<IOptions<VectorOptions>>(),
            sp.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Vector),
            sp.GetService<ILogger<VectorEngine>>()));
        var settings = new VectorOptions();
        builder.GetSection("Vector").Bind(settings);
        configure?.Invoke(settings);
        if (!settings.DisableHealthChecks)
        {
            builder.AddPlatformHealthCheck(HealthCheckName, sp => new VectorHealthCheck(sp.GetRequiredService<VectorEngine>()));
        }

        return builder;
    }
}
