using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Serving.Tests.Embeddings;

/// <summary>The registration conformance of local ONNX embeddings (all-MiniLM-L6-v2), default and keyed.</summary>
public sealed class OnnxEmbeddingsConformanceTests : KeyedConformanceTests<OnnxEmbeddingGenerator, OnnxEmbeddingSettings>, IAsyncLifetime
{
    private string? _folder;

    protected override string SettingsPath => ServingBuilderEmbeddingsExtensions.SettingsPath;

    protected override string TelemetryName => AiPlatformTelemetry.Serving;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?> { ["ModelPath"] = _folder };

    protected override (string Key, string Value, Func<OnnxEmbeddingSettings, string?> Read) SampleSetting =>
        ("ModelId", "conformance-minilm", s => s.ModelId);

    public async Task InitializeAsync() => _folder = await MiniLm.FolderAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected override void Register(AiPlatformBuilder builder, string? key, Action<OnnxEmbeddingSettings>? configure) =>
        _ = key is null
            ? new ServingBuilder(builder).AddOnnxEmbeddings(configure)
            : new ServingBuilder(builder).AddKeyedOnnxEmbeddings(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-embeddings" : $"aiplatform-embeddings-{key}";

    protected override Task ExerciseAsync(OnnxEmbeddingGenerator service) => service.GenerateAsync(["conformance"]);
}
