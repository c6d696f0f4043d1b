using AiPlatform.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Entry points of the Core package on <see cref="IHostApplicationBuilder"/>.</summary>
public static class AiPlatformCoreHostApplicationBuilderExtensions
{
    /// <summary>Registers the platform's core services from the host's configuration; see <see cref="AiPlatformCoreServiceCollectionExtensions.AddAiPlatformCore"/>.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The platform builder.</returns>
    public static AiPlatformBuilder AddAiPlatformCore(this IHostApplicationBuilder builder, Action<AiPlatformSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddAiPlatformCore(builder.Configuration, configure);
    }
}
