using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Common;

/// <summary>The pieces every data-platform client is built from: its Refit API on its named HTTP client, and its instrumented calls.</summary>
internal static class ClientParts
{
    public static TApi Api<TApi, TSettings>(ClientContext<TSettings> context, RefitSettings refit)
        where TSettings : AiPlatformClientSettings =>
        RestService.For<TApi>(context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()), refit);

    public static ServiceCalls Calls<TClient, TSettings>(ClientContext<TSettings> context, string service, Func<Exception, string, AiPlatformException?>? special = null)
        where TSettings : RemoteClientSettings =>
        new(service, context.Instrumentation<TClient>(service, context.Settings.Endpoint), special);

    /// <summary>
    /// The transport of a client whose system takes optional HTTP Basic credentials from its settings (Kafka Connect's
    /// <c>BasicAuthSecurityRestExtension</c>, a proxy in front of Flink): the client's HTTP client with <paramref name="configure"/>'s
    /// departures and a <see cref="BasicAuthenticationHandler"/> reading the settings of that client name.
    /// </summary>
    public static IHttpClientBuilder BasicTransport<TSettings>(
        AiPlatformBuilder platform, ClientName name, Func<TSettings, (string? Username, string? Password)> credentials,
        Action<PlatformHttpClientOptions>? configure = null)
        where TSettings : RemoteClientSettings =>
        platform.AddPlatformHttpClient<TSettings>(name.ToString(), name.Key, configure)
            .AddHttpMessageHandler(sp =>
            {
                var (username, password) = credentials(sp.GetRequiredService<IOptionsMonitor<TSettings>>().Get(name.OptionsName));
                return new BasicAuthenticationHandler(username, password);
            });

    /// <summary>
    /// The transport of a client that logs in to its system: one session per client name (what it learned: tokens, a CSRF cookie), the
    /// client's HTTP client whose requests <paramref name="handler"/> authenticates from that session, and <c>{name}-auth</c>, the same
    /// pipeline without those credentials, through which the session logs in and fetches its tokens.
    /// </summary>
    public static void SessionTransport<TSettings, TSession>(
        AiPlatformBuilder platform, ClientName name, Func<TSettings, Func<HttpClient>, TimeProvider, TSession> session,
        Func<TSession, DelegatingHandler> handler, Action<IHttpClientBuilder>? configure = null)
        where TSettings : RemoteClientSettings
        where TSession : class
    {
        platform.Services.AddKeyedSingleton(name.ToString(), (sp, _) => session(
            sp.GetRequiredService<IOptionsMonitor<TSettings>>().Get(name.OptionsName),
            () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(name.With("auth")),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        var client = platform.AddPlatformHttpClient<TSettings>(name.ToString(), name.Key);
        configure?.Invoke(client);
        client.AddHttpMessageHandler(sp => handler(sp.GetRequiredKeyedService<TSession>(name.ToString())));
        var auth = platform.AddPlatformHttpClient<TSettings>(name.With("auth"), name.Key);
        configure?.Invoke(auth);
    }

    /// <summary>The session <see cref="SessionTransport"/> registered for the context's client.</summary>
    public static TSession Session<TSession, TSettings>(ClientContext<TSettings> context)
        where TSettings : AiPlatformClientSettings
        where TSession : class =>
        context.Services.GetRequiredKeyedService<TSession>(context.Name.ToString());
}
