using AiPlatform.Sdk.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AiPlatform.Sdk.Identity.Tests.Tokens;

/// <summary>An SDK client ("api", addressed at the fake provider's server) registered with the Identity layer, every log captured.</summary>
internal static class IdentityTestHost
{
    public static ServiceProvider Build(
        Dictionary<string, string?> settings, FakeLogCollector? logs = null, FakeTimeProvider? time = null, Uri? apiEndpoint = null,
        string? keyedIdentity = null)
    {
        settings.TryAdd("AiPlatform:Resilience:RetryDelay", "00:00:00.010");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            b.AddProvider(new FakeLoggerProvider(logs ?? new FakeLogCollector()));
        });
        if (time is not null)
        {
            services.AddSingleton<TimeProvider>(time);
        }

        var platform = services.AddAiPlatformCore(configuration).AddIdentity();
        if (keyedIdentity is not null)
        {
            platform.AddKeyedClientCredentials(keyedIdentity);
        }

        if (apiEndpoint is not null)
        {
            services.Configure<ApiSettings>(s => s.Endpoint = apiEndpoint);
            platform.AddPlatformHttpClient<ApiSettings>("api");
        }

        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public static Dictionary<string, string?> ClientCredentials(Uri authority, string secret = "s3cr3t-value-xyz", string method = "Basic") => new()
    {
        ["AiPlatform:Identity:Authority"] = authority.AbsoluteUri,
        ["AiPlatform:Identity:ClientId"] = "orders-app",
        ["AiPlatform:Identity:ClientSecret"] = secret,
        ["AiPlatform:Identity:ClientAuthentication"] = method,
    };

    internal sealed class ApiSettings : RemoteClientSettings;
}
