using System.Diagnostics;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Http;

/// <summary>Emits one client span and one duration measurement per logical call (retries included) of an SDK HTTP client.</summary>
internal sealed class TelemetryHandler(string clientName, LayerTelemetry telemetry, AiPlatformClientSettings settings) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var activity = settings.DisableTracing
            ? null
            : telemetry.ActivitySource.StartActivity($"{clientName} {request.Method.Method}", ActivityKind.Client);
        activity?.SetTag("aiplatform.client", clientName);
        activity?.SetTag("http.request.method", request.Method.Method);
        activity?.SetTag("server.address", request.RequestUri?.Host);
        activity?.SetTag("url.path", request.RequestUri?.AbsolutePath);
        var started = Stopwatch.GetTimestamp();
        string? error = null;
        int? status = null;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            activity?.SetTag("http.response.status_code", status);
            if (!response.IsSuccessStatusCode)
            {
                error = status.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                activity?.SetStatus(ActivityStatusCode.Error);
            }

            return response;
        }
        catch (Exception ex)
        {
            error = ex.GetType().Name;
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.SetTag("error.type", error);
            throw;
        }
        finally
        {
            if (!settings.DisableMetrics)
            {
                telemetry.RecordOperation(clientName, request.Method.Method, Stopwatch.GetElapsedTime(started), error);
            }
        }
    }
}
