using AiPlatform.Sdk;
using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AiPlatform.ReferenceHost.Tests.Security;

/// <summary>
/// An application using the SDK the ordinary way: <c>AddIdentity()</c> with client credentials from configuration, and one SDK
/// HTTP client ("host") addressed at the reference host, so the token provider and Core's auth handler are exercised as users run them.
/// </summary>
internal sealed class SdkClients : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public SdkClients(Uri authority, string clientId, string clientSecret, Uri host, FakeLogCollector? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AiPlatform:Identity:Authority"] = authority.AbsoluteUri,
            ["AiPlatform:Identity:ClientId"] = clientId,
            ["AiPlatform:Identity:ClientSecret"] = clientSecret,
            ["AiPlatform:Resilience:MaxRetryAttempts"] = "0",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new FakeLoggerProvider(logs ?? new FakeLogCollector())));
        var platform = services.AddAiPlatformCore(configuration).AddIdentity();
        services.Configure<HostSettings>(s => s.Endpoint = host);
        platform.AddPlatformHttpClient<HostSettings>("host");
        _services = services.BuildServiceProvider();
    }

    public HttpClient Host => _services.GetRequiredService<IHttpClientFactory>().CreateClient("host");

    public IAccessTokenProvider Tokens => _services.GetRequiredService<IAccessTokenProvider>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    internal sealed class HostSettings : RemoteClientSettings;
}
