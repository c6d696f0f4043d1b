using AiPlatform.Sdk.Training.Tracking;

namespace AiPlatform.Sdk.Training.Registry;

/// <summary>MLflow's model version stages, matched without regard to case as MLflow does.</summary>
internal static class RegistryStages
{
    public const string None = "None";
    public const string Archived = "Archived";
    private static readonly string[] All = [None, "Staging", "Production", Archived];

    public static string Normalize(string stage) =>
        All.FirstOrDefault(s => string.Equals(s, stage, StringComparison.OrdinalIgnoreCase))
        ?? throw TrackingErrors.Invalid("TransitionModelVersionStage", $"Invalid Model Version stage: {stage}. Value must be one of {string.Join(", ", All)}.");
}
