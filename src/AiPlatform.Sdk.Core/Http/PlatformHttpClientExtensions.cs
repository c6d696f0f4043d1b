using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Http;

/// <summary>Registers HTTP clients on the shared pipeline: telemetry, then the standard resilience handler, then authentication.</summary>
public static class PlatformHttpClientExtensions
{
    /// <summary>
    /// Registers the named <see cref="HttpClient"/> <paramref name="clientName"/> whose base address is the <c>Endpoint</c> of
    /// <typeparamref name="TSettings"/>, wrapped in: a client span and duration metric per logical call; the standard resilience
    /// handler (total and per-attempt timeouts, jittered retries of transient failures of idempotent requests honouring
    /// <c>Retry-After</c>, a circuit breaker) configured from <c>AiPlatform:Resilience</c>; and the bearer token of the
    /// client's <see cref="IAccessTokenProvider"/>, refreshed once on a 401.
    /// </summary>
    /// <typeparam name="TSettings">The client's settings, bound beforehand with <see cref="AiPlatformBuilder.AddSettings{TSettings}"/>.</typeparam>
    /// <param name="builder">The platform builder.</param>
    /// <param name="clientName">The client's name: the telemetry component, the HttpClient name, and the key of its own token provider if any.</param>
    /// <param name="settingsName">The options name of <typeparamref name="TSettings"/> for keyed clients; <see langword="null"/> for the default.</param>
    /// <param name="configure">Departures from the shared pipeline.</param>
    /// <returns>The HttpClient builder, for Refit or further handlers.</returns>
    public static IHttpClientBuilder AddPlatformHttpClient<TSettings>(
        this AiPlatformBuilder builder,
        string clientName,
        string? settingsName = null,
        Action<PlatformHttpClientOptions>? configure = null)
        where TSettings : RemoteClientSettings
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(clientName);
        var options = new PlatformHttpClientOptions();
        configure?.Invoke(options);
        var optionsName = settingsName ?? Options.DefaultName;
        TSettings Settings(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<TSettings>>().Get(optionsName);

        builder.AddLayerTelemetry(AiPlatformTelemetry.Core);
        var http = builder.Services.AddHttpClient(clientName, (sp, client) =>
        {
            client.BaseAddress = Settings(sp).Endpoint;
            client.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns the timeouts
            client.DefaultRequestHeaders.UserAgent.ParseAdd($"AiPlatform.Sdk/{typeof(AiPlatformBuilder).Assembly.GetName().Version}");
        });
        http.AddHttpMessageHandler(sp => new TelemetryHandler(new ClientInstrumentation(
            clientName, sp.GetRequiredKeyedService<LayerTelemetry>(AiPlatformTelemetry.Core), Settings(sp),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PlatformHttpClientExtensions)), sp.GetService<TimeProvider>())));
        http.AddStandardResilienceHandler().Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
        {
            Apply(sp.GetRequiredService<IOptions<AiPlatformSettings>>().Value.Resilience, resilience);
            if (!options.RetryNonIdempotentRequests)
            {
                resilience.Retry.DisableForUnsafeHttpMethods();
            }

            options.ConfigureResilience?.Invoke(resilience);
        });
        http.AddHttpMessageHandler(sp => Settings(sp).Authenticate && AccessTokenResolver.Resolve(sp, clientName) is { } provider
            ? new AccessTokenHandler(provider)
            : new PassThroughHandler());
        return http;
    }

    internal static void Apply(ResilienceSettings settings, HttpStandardResilienceOptions resilience)
    {
        resilience.TotalRequestTimeout.Timeout = settings.TotalTimeout;
        resilience.AttemptTimeout.Timeout = settings.AttemptTimeout < settings.TotalTimeout ? settings.AttemptTimeout : settings.TotalTimeout;
        resilience.Retry.MaxRetryAttempts = Math.Max(1, settings.MaxRetryAttempts);
        resilience.Retry.Delay = settings.RetryDelay;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldRetryAfterHeader = true;
        if (settings.MaxRetryAttempts == 0)
        {
            resilience.Retry.ShouldHandle = static _ => ValueTask.FromResult(false);
        }

        resilience.CircuitBreaker.FailureRatio = settings.CircuitBreakerFailureRatio;
        resilience.CircuitBreaker.MinimumThroughput = settings.CircuitBreakerMinimumThroughput;
        resilience.CircuitBreaker.BreakDuration = settings.CircuitBreakerBreakDuration;
        var sampling = resilience.AttemptTimeout.Timeout * 2;
        resilience.CircuitBreaker.SamplingDuration = sampling > TimeSpan.FromSeconds(30) ? sampling : TimeSpan.FromSeconds(30);
    }

    private sealed class PassThroughHandler : DelegatingHandler;
}
