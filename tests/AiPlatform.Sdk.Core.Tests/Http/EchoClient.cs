using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Core.Tests.Http;

/// <summary>The smallest client built the way every SDK client is: one <see cref="ClientRegistration{TService, TSettings}"/> over the shared pipeline.</summary>
public sealed partial class EchoClient(HttpClient http, ILogger logger)
{
    private static readonly ClientRegistration<EchoClient, EchoSettings> Client = new()
    {
        Part = "echo",
        SectionPath = "Echo",
        Layer = AiPlatformTelemetry.Core,
        Transport = static (platform, name) => platform.AddPlatformHttpClient<EchoSettings>(name.ToString(), name.Key),
        Create = static context => new EchoClient(
            context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()), context.Logger<EchoClient>()),
        HealthCheck = static (_, _) => new EchoHealthCheck(),
    };

    public async Task<string> EchoAsync(CancellationToken cancellationToken = default)
    {
        LogCalling(http.BaseAddress);
        using var response = await http.GetAsync(new Uri("echo", UriKind.Relative), cancellationToken);
        await AiPlatformErrors.EnsureSuccessAsync(response, "echo", "Echo", cancellationToken);
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    public static void Register(AiPlatformBuilder platform, string? key, Action<EchoSettings>? configure) =>
        platform.AddClient(Client, key, configure);

    private sealed class EchoHealthCheck : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy());
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Calling echo at {Endpoint}")]
    private partial void LogCalling(Uri? endpoint);
}
