using AiPlatform.Sdk.Authentication;
using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Http;

/// <summary>Registers gRPC clients with the platform's retry policy and bearer-token call credentials.</summary>
public static class PlatformGrpcClientExtensions
{
    /// <summary>
    /// Registers the generated gRPC client <typeparamref name="TClient"/> addressed at the <c>Endpoint</c> of
    /// <typeparamref name="TSettings"/>, with a channel retry policy that retries only <c>UNAVAILABLE</c> (a call the
    /// server never started), up to <c>AiPlatform:Resilience:MaxRetryAttempts</c> times with exponential back-off, and call
    /// credentials that carry the client's <see cref="IAccessTokenProvider"/> token.
    /// </summary>
    /// <typeparam name="TClient">The generated client class.</typeparam>
    /// <typeparam name="TSettings">The client's settings, bound beforehand with <see cref="AiPlatformBuilder.AddSettings{TSettings}"/>.</typeparam>
    /// <param name="builder">The platform builder.</param>
    /// <param name="clientName">The client's name, also the key of its own token provider if any.</param>
    /// <param name="settingsName">The options name of <typeparamref name="TSettings"/> for keyed clients.</param>
    /// <returns>The HttpClient builder behind the channel, for interceptors.</returns>
    public static IHttpClientBuilder AddPlatformGrpcClient<TClient, TSettings>(
        this AiPlatformBuilder builder, string clientName, string? settingsName = null)
        where TClient : class
        where TSettings : RemoteClientSettings
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(clientName);
        var optionsName = settingsName ?? Options.DefaultName;
        TSettings Settings(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<TSettings>>().Get(optionsName);

        return builder.Services
            .AddGrpcClient<TClient>(clientName, (sp, o) => o.Address = Settings(sp).Endpoint)
            .ConfigureChannel((sp, channel) =>
            {
                var resilience = sp.GetRequiredService<IOptions<AiPlatformSettings>>().Value.Resilience;
                channel.ServiceConfig = RetryOnUnavailable(resilience);
                channel.MaxReceiveMessageSize = null;
                channel.UnsafeUseInsecureChannelCallCredentials = true;
            })
            .AddCallCredentials(async (context, metadata, sp) =>
            {
                if (Settings(sp).Authenticate && AccessTokenResolver.Resolve(sp, clientName) is { } provider)
                {
                    var token = await provider.GetTokenAsync(false, context.CancellationToken).ConfigureAwait(false);
                    metadata.Add("Authorization", $"Bearer {token.Value}");
                }
            });
    }

    internal static ServiceConfig RetryOnUnavailable(ResilienceSettings resilience)
    {
        var method = new MethodConfig { Names = { MethodName.Default } };
        if (resilience.MaxRetryAttempts > 0)
        {
            var initial = resilience.RetryDelay > TimeSpan.Zero ? resilience.RetryDelay : TimeSpan.FromMilliseconds(1);
            method.RetryPolicy = new RetryPolicy
            {
                MaxAttempts = Math.Min(5, resilience.MaxRetryAttempts + 1),
                InitialBackoff = initial,
                MaxBackoff = initial * 16,
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            };
        }

        return new ServiceConfig { MethodConfigs = { method } };
    }
}
