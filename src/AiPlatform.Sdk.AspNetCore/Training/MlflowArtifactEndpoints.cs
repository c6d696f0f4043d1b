using AiPlatform.Sdk.Training.Artifacts;
using AiPlatform.Sdk.Training.Tracking;
using AiPlatform.Sdk.Training.Tracking.Rest;
using Microsoft.AspNetCore.Http.Features;
using static AiPlatform.Sdk.AspNetCore.Training.MlflowHttp;

namespace AiPlatform.Sdk.AspNetCore.Training;

/// <summary>
/// MLflow's artifact proxy (<c>/api/2.0/mlflow-artifacts/artifacts</c>: PUT to upload, GET to download, GET with <c>?path=</c> to list)
/// over the embedded store's artifact storage, so that runs whose artifact URI is <c>mlflow-artifacts:/...</c> keep their files here.
/// Bodies are streamed (any size in bounded memory); a path that would leave its folder is refused with 400.
/// </summary>
internal static class MlflowArtifactEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var artifacts = app.MapGroup("/api/2.0/mlflow-artifacts/artifacts").WithTags("MLflow artifacts");
        artifacts.MapPut("/{**path}", (string path, HttpContext http) => Handle(http, async ct =>
        {
            var storage = Storage(http);
            var target = ArtifactPaths.Relative(path, "UploadArtifact");
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = null; // streamed into the object store, never held in memory
            }

            await storage.PutAsync(target, http.Request.Body, ct);
            return Empty();
        })).AcceptsAnyMediaType().RequireAuthorization(ServerPolicies.Write);
        artifacts.MapGet("/{**path}", (string path, HttpContext http) => Handle(http, async ct =>
        {
            var content = await Storage(http).GetAsync(ArtifactPaths.Relative(path, "DownloadArtifact"), ct);
            http.Response.RegisterForDisposeAsync(content);
            return Results.Stream(content.Content, "application/octet-stream");
        })).RequireAuthorization(ServerPolicies.Read);
        artifacts.MapGet(string.Empty, (string? path, HttpContext http) => Handle(http, async ct =>
        {
            var folder = ArtifactPaths.Relative(path, "ListArtifacts", allowEmpty: true);
            var entries = await Storage(http).ListAsync(folder, folder, ct);
            return Ok(new ListArtifactsResponse([.. entries.Select(e => new ArtifactFileDto(e.Path, e.IsDirectory, e.Size))]), MlflowJsonContext.Default.ListArtifactsResponse);
        })).RequireAuthorization(ServerPolicies.Read);
    }

    private static ArtifactStorage Storage(HttpContext http) =>
        http.RequestServices.GetService<ArtifactStorage>()
        ?? throw TrackingErrors.Invalid("Artifacts", "This server tracks runs on a remote MLflow server; upload artifacts to that server's artifact store.");
}
