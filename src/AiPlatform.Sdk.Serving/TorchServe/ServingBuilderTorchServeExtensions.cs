using System.Net.Http.Headers;
using AiPlatform.Sdk.Http;
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

    /// <summary>
    /// Registers <see cref="ITorchServeClient"/> bound to <c>AiPlatform:Serving:TorchServe</c> (a keyed client also to its
    /// <c>:{name}</c> sub-section) on the platform's HTTP pipeline, with TorchServe's inference and management keys as bearer
    /// tokens when configured and the readiness check <c>aiplatform-torchserve[-{name}]</c> (<c>/ping</c>).
    /// </summary>
    /// <param name="serving">The Serving builder.</param>
    /// <param name="name">The key of a keyed client; <see langword="null"/> for the default one.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static ServingBuilder AddTorchServe(this ServingBuilder serving, string? name = null, Action<TorchServeSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(serving);
        var platform = serving.Platform;
        platform.AddSettings(SettingsPath, configure, name);
        var marker = new RegistrationMarker(name);
        if (serving.Services.Any(d => d.ServiceType == typeof(RegistrationMarker) && Equals(d.ImplementationInstance, marker)))
        {
            return serving;
        }

        serving.Services.AddSingleton(marker);
        platform.AddLayerTelemetry(AiPlatformTelemetry.Serving);
        var suffix = name is null ? string.Empty : "-" + name;
        var inference = "torchserve" + suffix;
        var management = "torchserve-management" + suffix;
        TorchServeSettings Settings(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<TorchServeSettings>>().Get(name ?? Options.DefaultName);
        platform.AddPlatformHttpClient<TorchServeSettings>(inference, name)
            .AddHttpMessageHandler(sp => new KeyHandler(Settings(sp).InferenceKey));
        platform.AddPlatformHttpClient<TorchServeSettings>(management, name)
            .ConfigureHttpClient((sp, client) => client.BaseAddress = ManagementEndpoint(Settings(sp)))
            .AddHttpMessageHandler(sp => new KeyHandler(Settings(sp).ManagementKey));

        ITorchServeClient Create(IServiceProvider sp) => new TorchServeClient(
            sp.GetRequiredService<IHttpClientFactory>(), inference, management, Settings(sp),
            sp.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Serving), sp.GetRequiredService<ILogger<TorchServeClient>>());
        platform.AddClient(name, Create);
        if (!platform.ReadSettings(SettingsPath, configure, name).DisableHealthChecks)
        {
            platform.AddPlatformHealthCheck("aiplatform-torchserve" + suffix,
                sp => new PingHealthCheck(AiPlatformBuilder.GetClient<ITorchServeClient>(sp, name)));
        }

        return serving;
    }

    internal static Uri? ManagementEndpoint(TorchServeSettings settings) =>
        settings.ManagementEndpoint ?? (settings.Endpoint is { } endpoint ? new UriBuilder(endpoint) { Port = 8081 }.Uri : null);

    private sealed record RegistrationMarker(string? Name);

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
