namespace AiPlatform.Sdk.Training.GitLab;

/// <summary>
/// Sends a configured GitLab token in the header its kind requires (<c>PRIVATE-TOKEN</c>, <c>JOB-TOKEN</c> or <c>Authorization: Bearer</c>),
/// in the place of the platform's bearer token; without one, requests go as the pipeline made them.
/// </summary>
internal sealed class GitLabTokenHandler(GitLabSettings settings) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (settings.Token is { Length: > 0 } token)
        {
            request.Headers.Authorization = null;
            switch (settings.TokenKind)
            {
                case GitLabTokenKind.Bearer:
                    request.Headers.Authorization = new("Bearer", token);
                    break;
                case GitLabTokenKind.JobToken:
                    request.Headers.TryAddWithoutValidation("JOB-TOKEN", token);
                    break;
                default:
                    request.Headers.TryAddWithoutValidation("PRIVATE-TOKEN", token);
                    break;
            }
        }

        return base.SendAsync(request, cancellationToken);
    }
}
