using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Authentication;

/// <summary>Picks the token provider of a client: the one keyed by the client's name, else the default one, else none.</summary>
internal static class AccessTokenResolver
{
    public static IAccessTokenProvider? Resolve(IServiceProvider services, string clientName) =>
        services.GetKeyedService<IAccessTokenProvider>(clientName) ?? services.GetService<IAccessTokenProvider>();
}
