using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Core.Tests.Http;

/// <summary>Settings of the test client the pipeline tests register.</summary>
public sealed class EchoSettings : RemoteClientSettings;

/// <summary>Builds a service provider whose "echo" client goes through the shared pipeline to a real Kestrel server.</summary>
internal static class PipelineFixture
{
    public static ServiceProvider Build(
        Uri endpoint,
        IAccessTokenProvider? tokens = null,
        Action<PlatformHttpClientOptions>? configure = null,
        IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["AiPlatform:Echo:Endpoint"] = endpoint.ToString(),
            ["AiPlatform:Resilience:RetryDelay"] = "00:00:00.010",
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (tokens is not null)
        {
            services.AddSingleton(tokens);
        }

        var platform = services.AddAiPlatformCore(configuration);
        platform.AddSettings<EchoSettings>("Echo");
        platform.AddPlatformHttpClient<EchoSettings>("echo", configure: configure);
        return services.BuildServiceProvider(validateScopes: true);
    }

    public static HttpClient Client(this ServiceProvider services) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient("echo");
}

/// <summary>A token provider that hands out numbered tokens and counts forced refreshes.</summary>
internal sealed class CountingTokenProvider : IAccessTokenProvider
{
    private int _issued;

    public int ForcedRefreshes { get; private set; }

    public string Current => $"token-{_issued}";

    public ValueTask<AccessToken> GetTokenAsync(bool forceRefresh = false, CancellationToken cancellationToken = default)
    {
        if (forceRefresh || _issued == 0)
        {
            ForcedRefreshes += forceRefresh ? 1 : 0;
            _issued++;
        }

        return ValueTask.FromResult(new AccessToken(Current, DateTimeOffset.UtcNow.AddMinutes(5)));
    }
}
