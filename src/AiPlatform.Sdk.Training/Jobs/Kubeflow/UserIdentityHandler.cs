namespace AiPlatform.Sdk.Training.Jobs.Kubeflow;

/// <summary>
/// Sends the caller's identity in the header a multi-user Kubeflow deployment reads it from (<c>KUBEFLOW_USERID_HEADER</c>, by default
/// <c>kubeflow-userid</c>), where no gateway in front of the API server sets it (kubeflow/pipelines#9747, #6726).
/// </summary>
internal sealed class UserIdentityHandler(string header, string identity) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(header);
        request.Headers.TryAddWithoutValidation(header, identity);
        return base.SendAsync(request, cancellationToken);
    }
}
