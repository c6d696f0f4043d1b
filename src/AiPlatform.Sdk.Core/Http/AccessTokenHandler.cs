using System.Net;
using System.Net.Http.Headers;
using AiPlatform.Sdk.Authentication;

namespace AiPlatform.Sdk.Http;

/// <summary>Attaches the bearer token to each attempt; on a 401 it forces one token refresh and sends the request once more.</summary>
internal sealed class AccessTokenHandler(IAccessTokenProvider provider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await provider.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || !CanResend(request))
        {
            return response;
        }

        var refreshed = await provider.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
        if (refreshed.Value == token.Value)
        {
            return response;
        }

        response.Dispose();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.Value);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    // A streamed body was consumed by the first attempt and cannot be sent again.
    private static bool CanResend(HttpRequestMessage request) =>
        request.Content is null or ByteArrayContent or FormUrlEncodedContent;
}
