using AiPlatform.Sdk.Serving.Inference.Protocol;

namespace AiPlatform.Sdk.AspNetCore.Inference;

/// <summary>Answers shared by the gRPC and REST sides: server metadata and statistics.</summary>
internal static class InferenceServer
{
    public static ServerMetadataResponse Metadata() => new()
    {
        Name = "aiplatform-reference-host",
        Version = typeof(InferenceServer).Assembly.GetName().Version?.ToString() ?? "0.0.0",
        Extensions = { "binary_tensor_data", "model_repository", "model_configuration", "statistics", "parameters" },
    };

    public static ModelStatisticsResponse Statistics(ModelRepository repository, string model, string version)
    {
        if (model.Length > 0)
        {
            repository.Get(model, version);
        }

        return new ModelStatisticsResponse
        {
            ModelStats =
            {
                repository.Loaded()
                    .Where(m => (model.Length == 0 || m.Name == model) && (version.Length == 0 || m.Version == version))
                    .OrderBy(m => m.Name, StringComparer.Ordinal)
                    .Select(m => m.Statistics()),
            },
        };
    }
}
