using AiPlatform.Sdk.Serving.Embeddings;
using AiPlatform.Sdk.Serving.Inference;
using AiPlatform.Sdk.Serving.TorchServe;
using AiPlatform.Sdk.Testing.ConfigurationSchema;

namespace AiPlatform.Sdk.Serving.Tests;

public sealed class ServingConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Serving";

    protected override IReadOnlyList<SettingsSection> Sections { get; } =
    [
        new(ServingBuilderInferenceExtensions.SettingsPath, true, typeof(InferenceClientSettings)),
        new(ServingBuilderTorchServeExtensions.SettingsPath, true, typeof(TorchServeSettings)),
        new(ServingBuilderEmbeddingsExtensions.SettingsPath, true, typeof(RemoteEmbeddingSettings)),
    ];
}

public sealed class OnnxServingConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Serving.Onnx";

    protected override IReadOnlyList<SettingsSection> Sections { get; } =
    [
        new(ServingBuilderEmbeddingsExtensions.SettingsPath, true, typeof(OnnxEmbeddingSettings)),
        new("Serving:Onnx", false, typeof(AiPlatform.Sdk.Serving.Onnx.OnnxSessionSettings)),
    ];
}
