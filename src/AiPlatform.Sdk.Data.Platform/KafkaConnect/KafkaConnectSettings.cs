using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Platform.KafkaConnect;

/// <summary>
/// Settings of the Kafka Connect client, bound from <c>AiPlatform:DataPlatform:KafkaConnect</c>. <see cref="RemoteClientSettings.Endpoint"/>
/// is a worker's REST listener, such as <c>http://connect:8083</c>.
/// </summary>
public sealed class KafkaConnectSettings : RemoteClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "DataPlatform:KafkaConnect";

    /// <summary>The user of Kafka Connect's Basic authentication (<c>BasicAuthSecurityRestExtension</c>); unset sends the platform's bearer token, if any.</summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>; from configuration or a secret store, never from code.</summary>
    public string? Password { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        Http.BasicAuthenticationHandler.Validate(Username, Password);
}
