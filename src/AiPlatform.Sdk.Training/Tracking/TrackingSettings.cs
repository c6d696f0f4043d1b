using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Training.Tracking;

/// <summary>
/// Settings of experiment tracking, bound from <c>AiPlatform:Training:Tracking</c>. With <see cref="Endpoint"/> set, runs are tracked
/// on that MLflow server (or any server of MLflow's REST API); otherwise in the platform's embedded store.
/// </summary>
public sealed class TrackingSettings : AiPlatformClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Training:Tracking";

    /// <summary>The MLflow server, such as <c>http://mlflow:5000</c>; unset for the embedded store.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>A path in front of <c>/api/2.0/mlflow</c>, such as GitLab's <c>/api/v4/projects/42/ml/mlflow</c>; empty by default.</summary>
    public string? BasePath { get; set; }

    /// <summary>When <see langword="false"/>, requests carry no bearer token from the platform's token provider. Default <see langword="true"/>.</summary>
    public bool Authenticate { get; set; } = true;

    /// <summary>
    /// The user of HTTP Basic authentication (MLflow's <c>basic-auth</c> app, <c>MLFLOW_TRACKING_USERNAME</c>); sent instead of the
    /// platform's bearer token when set.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/> (<c>MLFLOW_TRACKING_PASSWORD</c>); from configuration or a secret store, never from code.</summary>
    public string? Password { get; set; }

    internal bool IsRemote => Endpoint is not null;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Http.BasicAuthenticationHandler.Validate(Username, Password);

    /// <summary>The address Refit's paths are appended to: the endpoint with <see cref="BasePath"/>.</summary>
    internal Uri BaseAddress => new(Endpoint!, (BasePath ?? string.Empty).TrimEnd('/') is { Length: > 0 } path ? path.TrimStart('/') + "/" : string.Empty);
}
