using AiPlatform.Sdk;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>The one registration a hosted application needs.</summary>
public static class AiPlatformHostApplicationBuilderExtensions
{
    /// <summary>Registers the whole platform from the host's configuration; see <see cref="AiPlatformServiceCollectionExtensions.AddAiPlatform"/>.</summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The platform builder.</returns>
    public static AiPlatformBuilder AddAiPlatform(this IHostApplicationBuilder builder, Action<AiPlatformSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddAiPlatform(builder.Configuration, configure);
    }
}
