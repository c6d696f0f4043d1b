using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Platform.Airflow;

/// <summary>Which Airflow API the client speaks.</summary>
public enum AirflowGeneration
{
    /// <summary>Asks the server once: Airflow 3 answers <c>/api/v2/monitor/health</c>, Airflow 2 does not.</summary>
    Detect,

    /// <summary>Airflow 2.x: the stable REST API under <c>/api/v1</c>, HTTP Basic credentials.</summary>
    Airflow2,

    /// <summary>Airflow 3.x: the REST API under <c>/api/v2</c>, a JWT from <c>POST /auth/token</c>.</summary>
    Airflow3,
}

/// <summary>
/// Settings of the Airflow client, bound from <c>AiPlatform:DataPlatform:Airflow</c>. <see cref="RemoteClientSettings.Endpoint"/> is the
/// API server (Airflow 3) or webserver (Airflow 2), such as <c>http://airflow:8080</c>.
/// </summary>
public sealed class AirflowSettings : RemoteClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "DataPlatform:Airflow";

    /// <summary>The API generation; <see cref="AirflowGeneration.Detect"/> by default.</summary>
    public AirflowGeneration Version { get; set; } = AirflowGeneration.Detect;

    /// <summary>
    /// The Airflow user: sent as Basic credentials to Airflow 2, exchanged for a JWT at <c>POST /auth/token</c> on Airflow 3. Unset sends the
    /// platform's bearer token (the Identity layer's OIDC token, for an Airflow behind Keycloak), if any.
    /// </summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>; from configuration or a secret store, never from code.</summary>
    public string? Password { get; set; }

    /// <summary>How often <c>WaitForDagRunAsync</c> reads the run's state. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many items one page of a listing asks for. Default 100.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Username) && string.IsNullOrEmpty(Password))
        {
            yield return new ValidationResult("A Username needs a Password.", [nameof(Password)]);
        }
    }
}
