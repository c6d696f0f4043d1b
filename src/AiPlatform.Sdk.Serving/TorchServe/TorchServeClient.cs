using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Serving.TorchServe;

/// <summary>The <see cref="ITorchServeClient"/> over two named HTTP clients of the platform pipeline: inference and management.</summary>
internal sealed partial class TorchServeClient(
    IHttpClientFactory factory,
    string inferenceClient,
    string managementClient,
    TorchServeSettings settings,
    ClientInstrumentation instrumentation,
    ILogger logger) : ITorchServeClient
{
    internal const string Service = "torchserve";

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        var status = await SendAsync("Ping", inferenceClient, HttpMethod.Get, "ping", null, TorchServeJsonContext.Default.TorchServeStatus, cancellationToken)
            .ConfigureAwait(false);
        return string.Equals(status.Status, "Healthy", StringComparison.OrdinalIgnoreCase);
    }

    public Task<TorchServePrediction> PredictAsync(
        string modelName, ReadOnlyMemory<byte> body, string contentType = "application/json", string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        return RunAsync("Predict", async ct =>
        {
            using var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            using var request = new HttpRequestMessage(HttpMethod.Post, ModelPath("predictions", modelName, modelVersion)) { Content = content };
            using var response = await factory.CreateClient(inferenceClient).SendAsync(request, ct).ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, "Predict", ct).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return new TorchServePrediction(bytes, response.Content.Headers.ContentType?.ToString());
        }, cancellationToken);
    }

    public async Task<string> RegisterModelAsync(TorchServeRegistration registration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var query = Query(
            ("url", registration.Url),
            ("model_name", registration.ModelName),
            ("initial_workers", Number(registration.InitialWorkers)),
            ("batch_size", Number(registration.BatchSize)),
            ("max_batch_delay", Number(registration.MaxBatchDelay)),
            ("response_timeout", Number(registration.ResponseTimeout)),
            ("synchronous", registration.Synchronous ? "true" : "false"));
        return (await SendAsync("RegisterModel", managementClient, HttpMethod.Post, "models" + query, null, TorchServeJsonContext.Default.TorchServeStatus, cancellationToken)
            .ConfigureAwait(false)).Status ?? string.Empty;
    }

    public async Task<string> ScaleWorkersAsync(
        string modelName, int? minWorkers, int? maxWorkers, string? modelVersion = null, bool synchronous = true, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        var query = Query(("min_worker", Number(minWorkers)), ("max_worker", Number(maxWorkers)), ("synchronous", synchronous ? "true" : "false"));
        return (await SendAsync("ScaleWorkers", managementClient, HttpMethod.Put, ModelPath("models", modelName, modelVersion) + query, null,
            TorchServeJsonContext.Default.TorchServeStatus, cancellationToken).ConfigureAwait(false)).Status ?? string.Empty;
    }

    public async Task<IReadOnlyList<TorchServeModelDescription>> DescribeModelAsync(
        string modelName, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        return await SendAsync("DescribeModel", managementClient, HttpMethod.Get, ModelPath("models", modelName, modelVersion), null,
            TorchServeJsonContext.Default.ListTorchServeModelDescription, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<TorchServeModelSummary> ListModelsAsync(int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        string? token = null;
        do
        {
            var page = await SendAsync("ListModels", managementClient, HttpMethod.Get,
                "models" + Query(("limit", Number(pageSize)), ("next_page_token", token)), null, TorchServeJsonContext.Default.TorchServeModelPage, cancellationToken)
                .ConfigureAwait(false);
            foreach (var model in page.Models ?? [])
            {
                yield return model;
            }

            token = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (token is not null);
    }

    public async Task<string> UnregisterModelAsync(string modelName, string? modelVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        return (await SendAsync("UnregisterModel", managementClient, HttpMethod.Delete, ModelPath("models", modelName, modelVersion), null,
            TorchServeJsonContext.Default.TorchServeStatus, cancellationToken).ConfigureAwait(false)).Status ?? string.Empty;
    }

    public async Task<string> SetDefaultVersionAsync(string modelName, string modelVersion, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelName);
        ArgumentException.ThrowIfNullOrEmpty(modelVersion);
        return (await SendAsync("SetDefaultVersion", managementClient, HttpMethod.Put, ModelPath("models", modelName, modelVersion) + "/set-default", null,
            TorchServeJsonContext.Default.TorchServeStatus, cancellationToken).ConfigureAwait(false)).Status ?? string.Empty;
    }

    private static string ModelPath(string root, string model, string? version) =>
        version is null ? $"{root}/{Uri.EscapeDataString(model)}" : $"{root}/{Uri.EscapeDataString(model)}/{Uri.EscapeDataString(version)}";

    private static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? string.Empty : "?" + string.Join('&', present);
    }

    private Task<T> SendAsync<T>(
        string operation, string client, HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        RunAsync(operation, async ct =>
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await factory.CreateClient(client).SendAsync(request, ct).ConfigureAwait(false);
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, operation, ct).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync(type, ct).ConfigureAwait(false)
                ?? throw new AiPlatformException(Service, operation, $"{Service} {operation} answered with an empty body.");
        }, cancellationToken);

    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        LogCalling(logger, operation);
        return await instrumentation.RunAsync(
            operation,
            _ => call(cancellationToken),
            ex => ex is System.Text.Json.JsonException
                ? new AiPlatformException(Service, operation, $"{Service} {operation} answered with unreadable JSON: {ex.Message}", innerException: ex)
                : AiPlatformErrors.FromException(ex, Service, operation, settings.Endpoint),
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "TorchServe {Operation}")]
    private static partial void LogCalling(ILogger logger, string operation);

}
