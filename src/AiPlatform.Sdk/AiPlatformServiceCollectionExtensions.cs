using AiPlatform.Sdk;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The one registration a business application needs.</summary>
public static class AiPlatformServiceCollectionExtensions
{
    /// <summary>
    /// Registers the whole platform from the <c>AiPlatform</c> configuration section: Core, then every layer this package brings —
    /// Data, the Vector engine and its <c>VectorStore</c>, Serving, Identity — each on its embedded default unless its section names a
    /// distributed system. Settings are validated at start-up. Calling it again adds nothing.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="configuration">The application's root configuration.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The platform builder, to change a layer further.</returns>
    public static AiPlatformBuilder AddAiPlatform(
        this IServiceCollection services, IConfiguration configuration, Action<AiPlatformSettings>? configure = null)
    {
        var platform = services.AddAiPlatformCore(configuration, configure);
        platform.AddData();
        platform.AddVectorStore();
        platform.AddOnnxServing();
        platform.AddIdentity();
        return platform;
    }
}
