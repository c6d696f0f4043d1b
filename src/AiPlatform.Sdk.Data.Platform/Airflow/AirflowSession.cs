using System.Net;
using System.Net.Http.Json;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>
/// What one Airflow client learns from its server and keeps: the API generation (configured, or detected once) and, for Airflow 3
/// with a user, the JWT from <c>POST /auth/token</c> (a <see cref="JwtCache"/>). Its calls go through the client's second HTTP client
/// (<c>{name}-auth</c>), which carries no Airflow credentials.
/// </summary>
internal sealed class AirflowSession
{
    private readonly AirflowSettings _settings;
    private readonly Func<HttpClient> _http;
    private AirflowGeneration _generation;

    public AirflowSession(AirflowSettings settings, Func<HttpClient> http, TimeProvider time)
    {
        _settings = settings;
        _http = http;
        _generation = settings.Version;
        Token = new JwtCache(CreateTokenAsync, time);
    }

    public AirflowSettings Settings => _settings;

    /// <summary>Airflow 3's JWT for the configured user.</summary>
    public JwtCache Token { get; }

    /// <summary>Airflow 2 or 3; asks <c>/api/v2/monitor/health</c> once when not configured (Airflow 2 answers 404 there).</summary>
    public async ValueTask<AirflowGeneration> GetGenerationAsync(CancellationToken cancellationToken)
    {
        if (_generation != AirflowGeneration.Detect)
        {
            return _generation;
        }

        using var response = await _http().GetAsync(new Uri("api/v2/monitor/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return _generation = AirflowGeneration.Airflow2;
        }

        await AiPlatformErrors.EnsureSuccessAsync(response, AirflowClient.Service, "DetectVersion", cancellationToken).ConfigureAwait(false);
        return _generation = AirflowGeneration.Airflow3;
    }

    private async Task<string> CreateTokenAsync(CancellationToken cancellationToken)
    {
        using var response = await _http().PostAsJsonAsync(new Uri("auth/token", UriKind.Relative),
            new TokenRequest(_settings.Username!, _settings.Password ?? string.Empty), AirflowJsonContext.Default.TokenRequest, cancellationToken)
            .ConfigureAwait(false);
        await AiPlatformErrors.EnsureSuccessAsync(response, AirflowClient.Service, "CreateToken", cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync(AirflowJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
        return body?.AccessToken is { Length: > 0 } access
            ? access
            : throw new AiPlatformException(AirflowClient.Service, "CreateToken", "airflow CreateToken: the answer carries no access_token", errorCode: ServiceCalls.MalformedResponse);
    }
}
