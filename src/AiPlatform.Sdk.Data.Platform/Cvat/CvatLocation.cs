namespace AiPlatform.Sdk.Data.Platform.Cvat;

/// <summary>
/// CVAT names its URLs (a finished request's <c>result_url</c>, a tus upload's <c>Location</c>) with the host it believes it has, an
/// internal one behind a proxy: only their path and query are used, against the configured endpoint, so credentials never go elsewhere.
/// </summary>
internal static class CvatLocation
{
    public static Uri OnEndpoint(Uri url) =>
        new((url.IsAbsoluteUri ? url.PathAndQuery : url.OriginalString).TrimStart('/'), UriKind.Relative);
}
