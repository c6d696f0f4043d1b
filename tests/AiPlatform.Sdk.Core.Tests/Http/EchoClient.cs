using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Core.Tests.Http;

/// <summary>The smallest client built the way every SDK client is: settings, the shared pipeline, a health check and a logger.</summary>
public sealed partial class EchoClient(HttpClient http, ILogger<EchoClient> logger)
{
    public async Task<string> EchoAsync(CancellationToken cancellationToken = default)
    {
        LogCalling(http.BaseAddress);
        using var response = await http.GetAsync(new Uri("echo", UriKind.Relative), cancellationToken);
        await AiPlatformErrors.EnsureSuccessAsync(response, "echo", "Echo", cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public static void Register(AiPlatformBuilder platform, string? key, Action<EchoSettings>? configure)
    {
        var name = key is null ? "echo" : $"echo-{key}";
        platform.AddSettings("Echo", configure, key);
        platform.AddPlatformHttpClient<EchoSettings>(name, key);
        if (!platform.ReadSettings("Echo", configure, key).DisableHealthChecks)
        {
            platform.AddPlatformHealthCheck($"aiplatform-{name}", sp => new EchoHealthCheck());
        }

        platform.AddClient(key, sp => new EchoClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(name), sp.GetRequiredService<ILogger<EchoClient>>()));
    }

    private sealed class EchoHealthCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Calling echo at {Endpoint}")]
    private partial void LogCalling(Uri? endpoint);
}
