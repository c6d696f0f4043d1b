using AiPlatform.Sdk.Registration;
using Microsoft.Extensions.DependencyInjection;
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
}
