using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Registration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Training;

/// <summary>
/// The platform HTTP client of a Training client whose settings switch between an embedded and a remote backend (so they are not
/// <see cref="RemoteClientSettings"/>): the pipeline reads its own view of them, a <see cref="RemoteClientSettings"/> copied from the bound settings.
/// </summary>
internal static class HttpTransport
{
    public static IHttpClientBuilder Add<TSettings, THttp>(AiPlatformBuilder platform, ClientName name, Func<TSettings, (Uri? Endpoint, bool Authenticate)> view)
        where TSettings : AiPlatformClientSettings
        where THttp : RemoteClientSettings
    {
        platform.Services.AddOptions<THttp>(name.OptionsName).Configure<IOptionsMonitor<TSettings>>((http, monitor) =>
        {
            var settings = monitor.Get(name.OptionsName);
            (http.Endpoint, http.Authenticate) = view(settings);
            http.DisableTracing = settings.DisableTracing;
            http.DisableMetrics = settings.DisableMetrics;
        });
        return platform.AddPlatformHttpClient<THttp>(name.ToString(), name.Key);
    }
}
