using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>
/// Airflow's credentials on each request when a user is configured: Basic for Airflow 2; for Airflow 3 the session's JWT, fetched
/// again once when the server answers 401 (an expired or revoked token). Without a user the request keeps the platform's bearer token.
/// </summary>
internal sealed class AirflowAuthenticationHandler(AirflowSession session) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var user = session.Settings.Username;
        if (string.IsNullOrEmpty(user))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        if (await session.GetGenerationAsync(cancellationToken).ConfigureAwait(false) == AirflowGeneration.Airflow2)
        {
            request.Headers.Authorization = BasicAuthenticationHandler.Header(user, session.Settings.Password);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await session.Token.SendAsync(request, base.SendAsync, cancellationToken).ConfigureAwait(false);
    }
}
