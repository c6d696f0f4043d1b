using AiPlatform.Sdk;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Entry points of the Core package for applications that reference only some layer packages.</summary>
public static class AiPlatformCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers the platform's core services with settings bound from the <c>AiPlatform</c> section and validated at start-up,
    /// and returns the builder that layer packages extend. Calling it again returns the same builder; a later
    /// <paramref name="configure"/> still applies.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The application's root configuration.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The platform builder.</returns>
    public static AiPlatformBuilder AddAiPlatformCore(
        this IServiceCollection services, IConfiguration configuration, Action<AiPlatformSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(AiPlatformBuilder))?.ImplementationInstance;
        if (existing is AiPlatformBuilder builder)
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }

            return builder;
        }

        builder = new AiPlatformBuilder(services, configuration);
        services.AddSingleton(builder);
        services.TryAddSingleton(TimeProvider.System);
        builder.AddSettings(string.Empty, configure);
        builder.AddLayerTelemetry(AiPlatformTelemetry.Core);
        services.AddHealthChecks();
        return builder;
    }
}
