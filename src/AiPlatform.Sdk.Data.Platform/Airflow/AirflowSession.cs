using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>
/// What one Airflow client learns from its server and keeps: the API generation (configured, or detected once) and, for Airflow 3
/// with a user, the JWT from <c>POST /auth/token</c>, reused until shortly before its <c>exp</c> and fetched again then or when the
/// server refuses it. Its calls go through the client's second HTTP client (<c>{name}-auth</c>), which carries no Airflow credentials.
/// </summary>
internal sealed class AirflowSession(AirflowSettings settings, Func<HttpClient> http, TimeProvider time)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private AirflowGeneration _generation = settings.Version;
    private (string Value, DateTimeOffset ExpiresAt)? _token;

    public AirflowSettings Settings => settings;

    /// <summary>Airflow 2 or 3; asks <c>/api/v2/monitor/health</c> once when not configured (Airflow 2 answers 404 there).</summary>
    public async ValueTask<AirflowGeneration> GetGenerationAsync(CancellationToken cancellationToken)
    {
        if (_generation != AirflowGeneration.Detect)
        {
            return _generation;
        }

        using var response = await http().GetAsync(new Uri("api/v2/monitor/health", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            return _generation = AirflowGeneration.Airflow2;
        }

        await AiPlatformErrors.EnsureSuccessAsync(response, AirflowClient.Service, "DetectVersion", cancellationToken).ConfigureAwait(false);
        return _generation = AirflowGeneration.Airflow3;
    }

    /// <summary>A JWT for Airflow 3: the cached one, or a new one when it is about to expire or <paramref name="rejected"/> is it.</summary>
    public async Task<string> GetTokenAsync(string? rejected, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } token && token.Value != rejected && token.ExpiresAt - RefreshMargin > time.GetUtcNow())
            {
                return token.Value;
            }

            using var response = await http().PostAsJsonAsync(new Uri("auth/token", UriKind.Relative),
                new TokenRequest(settings.Username!, settings.Password ?? string.Empty), AirflowJsonContext.Default.TokenRequest, cancellationToken)
                .ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, AirflowClient.Service, "CreateToken", cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadFromJsonAsync(AirflowJsonContext.Default.TokenResponse, cancellationToken).ConfigureAwait(false);
            var value = body?.AccessToken is { Length: > 0 } access
                ? access
                : throw new AiPlatformException(AirflowClient.Service, "CreateToken", "airflow CreateToken: the answer carries no access_token", errorCode: "MalformedResponse");
            _token = (value, ExpiresAt(value) ?? time.GetUtcNow().AddMinutes(5));
            return value;
        }
        finally
        {
            _lock.Release();
        }
    }

    // The JWT's exp claim (seconds since the epoch), read without validating: the server validates, the client only schedules refreshes.
    internal static DateTimeOffset? ExpiresAt(string jwt)
    {
        var parts = jwt.Split('.');
        if (parts.Length < 2)
        {
            return null;
        }

        try
        {
            var payload = parts[1].Replace('-', '+').Replace('_', '/');
            payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
            return document.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
