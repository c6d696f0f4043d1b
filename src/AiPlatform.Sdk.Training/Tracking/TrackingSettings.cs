namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>
/// Settings of experiment tracking, bound from <c>AiPlatform:Training:Tracking</c>. With <see cref="Endpoint"/> set, runs are tracked
/// on that MLflow server (or any server of MLflow's REST API); otherwise in the platform's embedded store.
/// </summary>
public sealed class TrackingSettings : AiPlatformClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Training:Tracking";

    /// <summary>The MLflow server, such as <c>http://mlflow:5000</c>; unset for the embedded store.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A path in front of <c>/api/2.0/mlflow</c>, such as GitLab's <c>/api/v4/projects/42/ml/mlflow</c>; empty by default.</summary>
    public string? BasePath { get; set; }

    /// <summary>When <see langword="false"/>, requests carry no bearer token from the platform's token provider. Default <see langword="true"/>.</summary>
    public bool Authenticate { get; set; } = true;

    internal bool IsRemote => Endpoint is not null;

    /// <summary>The address Refit's paths are appended to: the endpoint with <see cref="BasePath"/>.</summary>
    internal Uri BaseAddress => new(Endpoint!, (BasePath ?? string.Empty).TrimEnd('/') is { Length: > 0 } path ? path.TrimStart('/') + "/" : string.Empty);
}
