using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Platform.Flink;

/// <summary>
/// Settings of the Flink client, bound from <c>AiPlatform:DataPlatform:Flink</c>. <see cref="RemoteClientSettings.Endpoint"/> is the
/// JobManager's REST endpoint (the dispatcher), such as <c>http://flink-jobmanager:8081</c>.
/// </summary>
public sealed class FlinkSettings : RemoteClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "DataPlatform:Flink";

    /// <summary>
    /// The user of the Basic authentication of a proxy in front of the REST endpoint (Flink itself authenticates no REST call); unset
    /// sends the platform's bearer token, if any.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>; from configuration or a secret store, never from code.</summary>
    public string? Password { get; set; }

    /// <summary>How often a savepoint's status is read while waiting for it. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Http.BasicAuthenticationHandler.Validate(Username, Password);
}
