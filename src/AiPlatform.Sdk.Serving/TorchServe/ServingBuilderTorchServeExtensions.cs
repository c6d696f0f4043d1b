using System.Net.Http.Headers;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Serving.TorchServe;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Serving;

/// <summary>Registers the TorchServe client.</summary>
public static class ServingBuilderTorchServeExtensions
{
    /// <summary>The configuration path of the client below <c>AiPlatform</c>.</summary>
    public const string SettingsPath = "Serving:TorchServe";

    private static readonly ClientRegistration<ITorchServeClient, TorchServeSettings> Client = new()
    {
        Part = "torchserve",
        SectionPath = SettingsPath,
        Layer = AiPlatformTelemetry.Serving,
        Transport = static (platform, name) =>
        {
            TorchServeSettings Settings(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<TorchServeSettings>>().Get(name.OptionsName);
            platform.AddPlatformHttpClient<TorchServeSettings>(name.ToString(), name.Key)
                .AddHttpMessageHandler(sp => new KeyHandler(Settings(sp).InferenceKey));
            platform.AddPlatformHttpClient<TorchServeSettings>(name.With("management"), name.Key)
                .ConfigureHttpClient((sp, client) => client.BaseAddress = ManagementEndpoint(Settings(sp)))
                .AddHttpMessageHandler(sp => new KeyHandler(Settings(sp).ManagementKey));
        },
        Create = static context => new TorchServeClient(
            context.Services.GetRequiredService<IHttpClientFactory>(), context.Name.ToString(), context.Name.With("management"), context.Settings,
            context.Instrumentation<TorchServeClient>(TorchServeClient.Service, context.Settings.Endpoint), context.Logger<TorchServeClient>()),
        HealthCheck = static (client, _) => new PingHealthCheck(client),
    };

    /// <summary>
    /// Registers the default <see cref="ITorchServeClient"/> bound to <c>AiPlatform:Serving:TorchServe</c> on the platform's HTTP pipeline,
    /// with TorchServe's inference and management keys as bearer tokens when configured and the readiness check
    /// <c>aiplatform-torchserve</c> (<c>/ping</c>).
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddTorchServe(this ServingBuilder serving, Action<TorchServeSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        serving.Platform.AddClient(Client, null, configure);
        return serving;
    }

    /// <summary>
    /// Registers a keyed <see cref="ITorchServeClient"/> bound to <c>AiPlatform:Serving:TorchServe</c> overridden by its <c>:{key}</c>
    /// sub-section, with the readiness check <c>aiplatform-torchserve-{key}</c>.
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddKeyedTorchServe(this ServingBuilder serving, string key, Action<TorchServeSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        ArgumentException.ThrowIfNullOrEmpty(key);
        serving.Platform.AddClient(Client, key, configure);
        return serving;
    }

    internal static Uri? ManagementEndpoint(TorchServeSettings settings) =>
        settings.ManagementEndpoint ?? (settings.Endpoint is { } endpoint ? new UriBuilder(endpoint) { Port = 8081 }.Uri : null);

    /// <summary>Sends TorchServe's own API key as the bearer token, in place of a platform token.</summary>
    private sealed class KeyHandler(string? key) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!string.IsNullOrEmpty(key))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class PingHealthCheck(ITorchServeClient client) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                return await client.PingAsync(cancellationToken).ConfigureAwait(false)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("TorchServe is not healthy.");
            }
            catch (AiPlatformException ex)
            {
                return HealthCheckResult.Unhealthy(ex.Message, ex);
            }
        }
    }
}
