using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Http;

/// <summary>Instruments each logical call (retries included) of an SDK HTTP client through the one <see cref="ClientInstrumentation"/>.</summary>
internal sealed class TelemetryHandler(ClientInstrumentation instrumentation) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        instrumentation.RunAsync(
            request.Method.Method,
            async activity =>
            {
                activity?.SetTag("http.request.method", request.Method.Method);
                activity?.SetTag("server.address", request.RequestUri?.Host);
                activity?.SetTag("url.path", request.RequestUri?.AbsolutePath);
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                activity?.SetTag("http.response.status_code", (int)response.StatusCode);
                return response;
            },
            map: static ex => ex, // the client maps failures with its own service name
            failure: static response => response.IsSuccessStatusCode ? null : ClientInstrumentation.StatusError((int)response.StatusCode),
            cancellationToken: cancellationToken);
}
