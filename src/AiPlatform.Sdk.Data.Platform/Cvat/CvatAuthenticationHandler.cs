using AiPlatform.Sdk.Http;
using System.Net.Http.Headers;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>
/// CVAT's headers on each request: the API token as <c>Authorization: Token &lt;key&gt;</c> or Basic credentials (without either the
/// platform's bearer token stays), the organization as <c>X-Organization</c>, and <c>Accept: application/vnd.cvat+json</c>, the
/// media type CVAT's API versions its answers by.
/// </summary>
internal sealed class CvatAuthenticationHandler(CvatSettings settings) : DelegatingHandler
{
    internal const string MediaType = "application/vnd.cvat+json";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(settings.AccessToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Token", settings.AccessToken);
        }
        else if (!string.IsNullOrEmpty(settings.Username))
        {
            request.Headers.Authorization = BasicAuthenticationHandler.Header(settings.Username, settings.Password);
        }

        if (!string.IsNullOrEmpty(settings.Organization))
        {
            request.Headers.Remove("X-Organization");
            request.Headers.Add("X-Organization", settings.Organization);
        }

        if (request.Headers.Accept.Count == 0)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(MediaType));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
