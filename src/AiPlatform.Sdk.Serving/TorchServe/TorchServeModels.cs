using System.Text;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.Serving.TorchServe;

/// <summary>What a model's handler answered to a prediction request.</summary>
/// <param name="Content">The response body.</param>
/// <param name="ContentType">Its media type, if given.</param>
public sealed record TorchServePrediction(ReadOnlyMemory<byte> Content, string? ContentType)
{
    /// <summary>The body decoded as UTF-8.</summary>
    /// <returns>The text.</returns>
    public string GetString() => Encoding.UTF8.GetString(Content.Span);
}

/// <summary>A model archive to register (<c>POST /models</c>).</summary>
/// <param name="Url">The archive: a file name in TorchServe's model store or an HTTP(S) URL of a <c>.mar</c> file.</param>
public sealed record TorchServeRegistration(string Url)
{
    /// <summary>The name to register under; the archive's own name when <see langword="null"/>.</summary>
    public string? ModelName { get; init; }

    /// <summary>Workers to start; TorchServe starts none when <see langword="null"/>.</summary>
    public int? InitialWorkers { get; init; }

    /// <summary>The inference batch size.</summary>
    public int? BatchSize { get; init; }

    /// <summary>The longest wait, in milliseconds, to fill a batch.</summary>
    public int? MaxBatchDelay { get; init; }

    /// <summary>The handler's timeout in seconds.</summary>
    public int? ResponseTimeout { get; init; }

    /// <summary>Wait until the workers have started (default) rather than return at once.</summary>
    public bool Synchronous { get; init; } = true;
}

/// <summary>An entry of the model list.</summary>
/// <param name="ModelName">The model's name.</param>
/// <param name="ModelUrl">The archive it came from.</param>
public sealed record TorchServeModelSummary(
    [property: JsonPropertyName("modelName")] string ModelName,
    [property: JsonPropertyName("modelUrl")] string? ModelUrl);

/// <summary>The description of one model version.</summary>
public sealed record TorchServeModelDescription
{
    /// <summary>The model's name.</summary>
    [JsonPropertyName("modelName")]
    public required string ModelName { get; init; }

    /// <summary>The version.</summary>
    [JsonPropertyName("modelVersion")]
    public string? ModelVersion { get; init; }

    /// <summary>The archive it came from.</summary>
    [JsonPropertyName("modelUrl")]
    public string? ModelUrl { get; init; }

    /// <summary>The engine, such as <c>Torch</c>.</summary>
    [JsonPropertyName("engine")]
    public string? Engine { get; init; }

    /// <summary>The handler runtime, such as <c>python</c>.</summary>
    [JsonPropertyName("runtime")]
    public string? Runtime { get; init; }

    /// <summary>The minimum number of workers.</summary>
    [JsonPropertyName("minWorkers")]
    public int MinWorkers { get; init; }

    /// <summary>The maximum number of workers.</summary>
    [JsonPropertyName("maxWorkers")]
    public int MaxWorkers { get; init; }

    /// <summary>The batch size.</summary>
    [JsonPropertyName("batchSize")]
    public int BatchSize { get; init; }

    /// <summary>The longest wait to fill a batch, in milliseconds.</summary>
    [JsonPropertyName("maxBatchDelay")]
    public int MaxBatchDelay { get; init; }

    /// <summary>Whether this is the default version.</summary>
    [JsonPropertyName("isDefaultVersion")]
    public bool IsDefaultVersion { get; init; }

    /// <summary>The workers serving it.</summary>
    [JsonPropertyName("workers")]
    public IReadOnlyList<TorchServeWorker> Workers { get; init; } = [];
}

/// <summary>A worker process of a model.</summary>
/// <param name="Id">The worker's id.</param>
/// <param name="StartTime">When it started.</param>
/// <param name="Status">Its state, such as <c>READY</c>.</param>
/// <param name="Gpu">Whether it runs on a GPU.</param>
/// <param name="MemoryUsage">Its memory in bytes.</param>
public sealed record TorchServeWorker(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("startTime")] DateTimeOffset? StartTime,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("gpu")] bool Gpu,
    [property: JsonPropertyName("memoryUsage")] long MemoryUsage);

internal sealed record TorchServeStatus([property: JsonPropertyName("status")] string? Status);

internal sealed record TorchServeModelPage(
    [property: JsonPropertyName("nextPageToken")] string? NextPageToken,
    [property: JsonPropertyName("models")] IReadOnlyList<TorchServeModelSummary>? Models);

[JsonSerializable(typeof(TorchServeStatus))]
[JsonSerializable(typeof(TorchServeModelPage))]
[JsonSerializable(typeof(List<TorchServeModelDescription>))]
internal sealed partial class TorchServeJsonContext : JsonSerializerContext;
