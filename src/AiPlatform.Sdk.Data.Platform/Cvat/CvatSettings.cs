using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>
/// Settings of the CVAT client, bound from <c>AiPlatform:DataPlatform:Cvat</c>. <see cref="RemoteClientSettings.Endpoint"/> is the CVAT
/// server, such as <c>http://cvat:8080</c>.
/// </summary>
public sealed class CvatSettings : RemoteClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "DataPlatform:Cvat";

    /// <summary>
    /// A CVAT API token (the key <c>POST /api/auth/login</c> returns), sent as <c>Authorization: Token &lt;key&gt;</c>. From configuration
    /// or a secret store, never from code. Takes the place of <see cref="Username"/>; with neither, the platform's bearer token is sent.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>The CVAT user of HTTP Basic authentication, when no <see cref="AccessToken"/> is configured.</summary>
    public string? Username { get; set; }

    /// <summary>The password of <see cref="Username"/>; from configuration or a secret store, never from code.</summary>
    public string? Password { get; set; }

    /// <summary>The organization's slug, sent as <c>X-Organization</c> on every request; unset works in the user's own sandbox.</summary>
    public string? Organization { get; set; }

    /// <summary>How often a queued request (an export, an import, a data upload) is read while waiting for it. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The size in bytes above which media goes up in an upload session instead of one request: files up to this size are grouped into
    /// <c>Upload-Multiple</c> requests of at most this size each, larger ones are sent with tus in <see cref="UploadChunkSize"/> chunks.
    /// Default 100 MiB, the request size CVAT's own SDK stays under.
    /// </summary>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long ChunkedUploadThreshold { get; set; } = 100L * 1024 * 1024;

    /// <summary>The bytes of one tus chunk (one <c>PATCH</c> request), which is also the memory one upload holds. Default 10 MiB, as CVAT's SDK.</summary>
    [Range(1, 1024 * 1024 * 1024)]
    public int UploadChunkSize { get; set; } = 10 * 1024 * 1024;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(AccessToken) && !string.IsNullOrEmpty(Username))
        {
            yield return new ValidationResult("Configure either an AccessToken or a Username, not both.", [nameof(AccessToken)]);
        }

        foreach (var result in Http.BasicAuthenticationHandler.Validate(Username, Password))
        {
            yield return result;
        }
    }
}
