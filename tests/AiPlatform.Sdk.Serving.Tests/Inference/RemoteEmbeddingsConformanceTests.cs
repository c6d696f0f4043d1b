using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.Onnx;
using AiPlatform.Sdk.Serving.Tests.Embeddings;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Serving.Tests.Inference;

/// <summary>The registration conformance of embeddings from an inference server, default and keyed, against a protocol server running all-MiniLM-L6-v2.</summary>
public sealed class RemoteEmbeddingsConformanceTests : KeyedConformanceTests<RemoteEmbeddingGenerator, RemoteEmbeddingSettings>, IAsyncLifetime
{
    private string? _folder;
    private OnnxModel? _model;
    private KestrelTestServer? _server;

    protected override string SettingsPath => ServingBuilderEmbeddingsExtensions.SettingsPath;

    protected override string TelemetryName => AiPlatformTelemetry.Serving;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?>
    {
        ["Endpoint"] = _server!.BaseAddress.ToString(),
        ["Protocol"] = "Rest",
        ["Model"] = "minilm",
        ["VocabularyPath"] = _folder,
        ["OutputName"] = _model!.Outputs.Keys.First(),
    };

    protected override (string Key, string Value, Func<RemoteEmbeddingSettings, string?> Read) SampleSetting =>
        ("ModelVersion", "7", s => s.ModelVersion);

    public async Task InitializeAsync()
    {
        _folder = await MiniLm.FolderAsync();
        _model = OnnxModel.Load(Path.Combine(_folder, "model.onnx"));
        _server = await MiniLmInferenceServer.StartAsync(_model);
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        _model!.Dispose();
    }

    protected override void Register(AiPlatformBuilder builder, string? key, Action<RemoteEmbeddingSettings>? configure) =>
        _ = key is null
            ? new ServingBuilder(builder).AddRemoteEmbeddings(configure)
            : new ServingBuilder(builder).AddKeyedRemoteEmbeddings(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-embeddings" : $"aiplatform-embeddings-{key}";

    protected override Task ExerciseAsync(RemoteEmbeddingGenerator service) => service.GenerateAsync(["conformance"]);
}
