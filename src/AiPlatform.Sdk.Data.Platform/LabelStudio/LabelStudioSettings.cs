using System.ComponentModel.DataAnnotations;
using AiPlatform.Sdk.Data.Platform.Common;

namespace AiPlatform.Sdk.Data.Platform.LabelStudio;

/// <summary>Which kind of Label Studio key <see cref="LabelStudioSettings.ApiKey"/> is.</summary>
public enum LabelStudioTokenKind
{
    /// <summary>Decided by the key's shape: a JWT is a personal access token, anything else a legacy token.</summary>
    Detect,

    /// <summary>A legacy API token, sent as <c>Authorization: Token &lt;key&gt;</c>.</summary>
    Legacy,

    /// <summary>
    /// A personal access token (a JWT refresh token): exchanged at <c>POST /api/token/refresh/</c> for a short-lived access token that
    /// is sent as <c>Authorization: Bearer &lt;access&gt;</c> and exchanged again when it expires or is refused.
    /// </summary>
    PersonalAccessToken,
}

/// <summary>
/// Settings of the Label Studio client, bound from <c>AiPlatform:DataPlatform:LabelStudio</c>. <see cref="RemoteClientSettings.Endpoint"/>
/// is the Label Studio server, such as <c>http://label-studio:8080</c>.
/// </summary>
public sealed class LabelStudioSettings : RemoteClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "DataPlatform:LabelStudio";

    /// <summary>
    /// The key from the user's Account &amp; Settings page: a legacy token or a personal access token (see <see cref="TokenKind"/>).
    /// From configuration or a secret store, never from code. Unset sends the platform's bearer token, if any.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>Which kind of key <see cref="ApiKey"/> is; <see cref="LabelStudioTokenKind.Detect"/> by default.</summary>
    public LabelStudioTokenKind TokenKind { get; set; } = LabelStudioTokenKind.Detect;

    /// <summary>How often an export snapshot's status is read while waiting for it. Default 2 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many projects one page of a listing asks for. Default 100.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Whether <see cref="ApiKey"/> is used as a personal access token.</summary>
    internal bool UsesPersonalAccessToken => !string.IsNullOrEmpty(ApiKey) && TokenKind switch
    {
        LabelStudioTokenKind.PersonalAccessToken => true,
        LabelStudioTokenKind.Legacy => false,
        _ => JwtCache.IsJwt(ApiKey),
    };

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The confusion of label-studio#7519: a legacy token configured as a personal access token can never be refreshed.
        if (TokenKind == LabelStudioTokenKind.PersonalAccessToken && !string.IsNullOrEmpty(ApiKey) && !JwtCache.IsJwt(ApiKey))
        {
            yield return new ValidationResult(
                "A personal access token is a JWT (three dot-separated parts); this key is not one. A legacy token needs TokenKind Legacy or Detect.",
                [nameof(ApiKey)]);
        }
    }
}
