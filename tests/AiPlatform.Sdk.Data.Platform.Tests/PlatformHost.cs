using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests;

/// <summary>Builds the services of a test: configuration values below <c>AiPlatform</c>, one registration, and optional request changes.</summary>
internal static class PlatformHost
{
    public static ServiceProvider Build(
        IReadOnlyDictionary<string, string?> settings, Action<AiPlatformBuilder> register, string? httpClient = null, Action<HttpRequestMessage>? alter = null)
    {
        var values = new Dictionary<string, string?>
        {
            // Retries in tests wait a millisecond, not the production back-off.
            ["AiPlatform:Resilience:RetryDelay"] = "00:00:00.001",
        };
        foreach (var (key, value) in settings)
        {
            values["AiPlatform:" + key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        register(services.AddAiPlatformCore(configuration));
        if (httpClient is not null && alter is not null)
        {
            services.AddHttpClient(httpClient).AddHttpMessageHandler(() => new AlterHandler(alter));
        }

        return services.BuildServiceProvider();
    }

    /// <summary>Asks Prism for one of the definition's responses by status (<c>Prefer: code=404</c>).</summary>
    public static Action<HttpRequestMessage> PreferCode(int code) => r => r.Headers.TryAddWithoutValidation("Prefer", $"code={code}");

    /// <summary>Asks Prism for one of the definition's named examples.</summary>
    public static Action<HttpRequestMessage> PreferExample(string name) => r => r.Headers.TryAddWithoutValidation("Prefer", $"example={name}");

    /// <summary>Drops the credentials, so that the definition's security requirement fails.</summary>
    public static Action<HttpRequestMessage> NoCredentials => r => r.Headers.Authorization = null;

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));

    private sealed class AlterHandler(Action<HttpRequestMessage> alter) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            alter(request);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
