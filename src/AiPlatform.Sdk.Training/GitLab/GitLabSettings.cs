using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Training.GitLab;

/// <summary>
/// Settings of <see cref="IGitLabClient"/>, bound from <c>AiPlatform:Training:GitLab</c>; <see cref="RemoteClientSettings.Endpoint"/>
/// is the instance, such as <c>https://gitlab.example.com</c> (required: GitLab has no embedded default).
/// </summary>
public sealed class GitLabSettings : RemoteClientSettings, IValidatableObject
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Training:GitLab";

    /// <summary>The token; with <see cref="TokenKind"/> it says which header carries it. Unset: the platform's bearer token (<see cref="RemoteClientSettings.Authenticate"/>).</summary>
    public string? Token { get; set; }

    /// <summary>What <see cref="Token"/> is. Default <see cref="GitLabTokenKind.PrivateToken"/>.</summary>
    public GitLabTokenKind TokenKind { get; set; } = GitLabTokenKind.PrivateToken;

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Endpoint is null)
        {
            yield return new ValidationResult("Endpoint is required: the GitLab instance, such as https://gitlab.example.com.", [nameof(Endpoint)]);
        }
    }
}

/// <summary>The kinds of GitLab token, each sent in its own header.</summary>
public enum GitLabTokenKind
{
    /// <summary>A personal, project, group or deploy token: <c>PRIVATE-TOKEN</c>.</summary>
    PrivateToken,

    /// <summary>An OAuth 2.0 access token: <c>Authorization: Bearer</c>.</summary>
    Bearer,

    /// <summary>A CI/CD job token (<c>CI_JOB_TOKEN</c>): <c>JOB-TOKEN</c>.</summary>
    JobToken,
}
