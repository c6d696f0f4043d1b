using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using Google.Protobuf;

namespace AiPlatform.Sdk.Serving.Inference;

/// <summary>The REST transport: <c>/v2/...</c> endpoints, inference bodies through <see cref="InferenceRestCodec"/>.</summary>
internal sealed class RestInferenceTransport(IHttpClientFactory factory, string clientName, Uri? endpoint) : IInferenceTransport
{
    internal const string Service = "inference";
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly MediaTypeHeaderValue BinaryType = new("application/octet-stream");

    public Uri? Endpoint => endpoint;

    public Task<bool> ServerLiveAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        ProbeAsync("ServerLive", "v2/health/live", timeout, cancellationToken);

    public Task<bool> ServerReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        ProbeAsync("ServerReady", "v2/health/ready", timeout, cancellationToken);

    public Task<bool> ModelReadyAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken) =>
        ProbeAsync("ModelReady", ModelPath(name, version) + "/ready", timeout, cancellationToken);

    public Task<ServerMetadataResponse> ServerMetadataAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        GetAsync<ServerMetadataResponse>("ServerMetadata", "v2", timeout, cancellationToken);

    public Task<ModelMetadataResponse> ModelMetadataAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken) =>
        GetAsync<ModelMetadataResponse>("ModelMetadata", ModelPath(name, version), timeout, cancellationToken);

    public Task<ModelConfig> ModelConfigAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken) =>
        GetAsync<ModelConfig>("ModelConfig", ModelPath(name, version) + "/config", timeout, cancellationToken);

    public Task<ModelStatisticsResponse> ModelStatisticsAsync(string name, string version, TimeSpan timeout, CancellationToken cancellationToken) =>
        GetAsync<ModelStatisticsResponse>(
            "ModelStatistics", name.Length == 0 ? "v2/models/stats" : ModelPath(name, version) + "/stats", timeout, cancellationToken);

    public async Task<RepositoryIndexResponse> RepositoryIndexAsync(bool ready, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var body = ready ? "{\"ready\":true}" : "{}";
        using var response = await SendAsync("RepositoryIndex", HttpMethod.Post, "v2/repository/index", Json(body), timeout, cancellationToken)
            .ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(text);
        var index = new RepositoryIndexResponse();
        foreach (var model in document.RootElement.EnumerateArray())
        {
            index.Models.Add(Parser.Parse<RepositoryIndexResponse.Types.ModelIndex>(model.GetRawText()));
        }

        return index;
    }

    public async Task LoadAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("RepositoryModelLoad", HttpMethod.Post, $"v2/repository/models/{Escape(name)}/load", Json("{}"), timeout, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task UnloadAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var response = await SendAsync("RepositoryModelUnload", HttpMethod.Post, $"v2/repository/models/{Escape(name)}/unload", Json("{}"), timeout, cancellationToken)
            .ConfigureAwait(false);
    }

    public async Task<ModelInferResponse> InferAsync(ModelInferRequest request, bool binaryData, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (body, headerLength) = InferenceRestCodec.EncodeRequest(request, binaryData);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = headerLength is null ? JsonType : BinaryType;
        if (headerLength is { } length)
        {
            content.Headers.Add(InferenceRestCodec.HeaderContentLengthName, length.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await SendAsync("ModelInfer", HttpMethod.Post, ModelPath(request.ModelName, request.ModelVersion) + "/infer", content, timeout, cancellationToken)
            .ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        int? responseHeader = response.Headers.TryGetValues(InferenceRestCodec.HeaderContentLengthName, out var values) ||
                              response.Content.Headers.TryGetValues(InferenceRestCodec.HeaderContentLengthName, out values)
            ? int.Parse(values.First(), CultureInfo.InvariantCulture)
            : null;
        return InferenceRestCodec.DecodeResponse(bytes, responseHeader);
    }

    private static string ModelPath(string name, string version) =>
        string.IsNullOrEmpty(version) ? $"v2/models/{Escape(name)}" : $"v2/models/{Escape(name)}/versions/{Escape(version)}";

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<bool> ProbeAsync(string operation, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = Deadline(timeout, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await factory.CreateClient(clientName).SendAsync(request, cts.Token).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return true;
        }

        if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.ServiceUnavailable)
        {
            return false;
        }

        throw await AiPlatformErrors.FromResponseAsync(response, Service, operation, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string operation, string path, TimeSpan timeout, CancellationToken cancellationToken)
        where T : IMessage<T>, new()
    {
        using var response = await SendAsync(operation, HttpMethod.Get, path, null, timeout, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return Parser.Parse<T>(text);
    }

    private async Task<HttpResponseMessage> SendAsync(
        string operation, HttpMethod method, string path, HttpContent? content, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = Deadline(timeout, cancellationToken);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        var response = await factory.CreateClient(clientName).SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await AiPlatformErrors.FromResponseAsync(response, Service, operation, cancellationToken).ConfigureAwait(false);
            }
        }

        return response;
    }

    private static CancellationTokenSource Deadline(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        return cts;
    }
}
