using Refit;

namespace AiPlatform.Sdk.Training.GitLab;

/// <summary>
/// GitLab's REST API v4 as its documentation defines it: <c>GET /projects/:id/repository/files/:file_path/raw?ref=</c> (Repository
/// files API) and <c>PUT</c>/<c>GET /projects/:id/packages/generic/:package_name/:package_version/:file_name</c> (Generic packages).
/// Refit escapes each path parameter whole, so a project path and a file path reach GitLab with <c>/</c> as <c>%2F</c>, as it requires.
/// </summary>
internal interface IGitLabApi
{
    [Get("/api/v4/projects/{project}/repository/files/{filePath}/raw")]
    Task<Stream> GetRawFileAsync(string project, string filePath, [AliasAs("ref")] string reference, CancellationToken cancellationToken);

    [Put("/api/v4/projects/{project}/packages/generic/{packageName}/{packageVersion}/{fileName}")]
    Task UploadPackageFileAsync(string project, string packageName, string packageVersion, string fileName, [Body] HttpContent content, CancellationToken cancellationToken);

    [Get("/api/v4/projects/{project}/packages/generic/{packageName}/{packageVersion}/{fileName}")]
    Task<Stream> DownloadPackageFileAsync(string project, string packageName, string packageVersion, string fileName, CancellationToken cancellationToken);

    [Get("/api/v4/version")]
    Task<HttpResponseMessage> GetVersionAsync(CancellationToken cancellationToken);
}
