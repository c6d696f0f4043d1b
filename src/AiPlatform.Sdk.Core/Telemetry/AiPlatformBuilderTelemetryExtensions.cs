using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiPlatform.Sdk.Telemetry;

/// <summary>Registration of a layer's telemetry, and the tag of readiness checks.</summary>
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
}
