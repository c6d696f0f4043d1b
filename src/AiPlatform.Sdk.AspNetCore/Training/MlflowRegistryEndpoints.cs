using AiPlatform.Sdk.Training.Registry;
using AiPlatform.Sdk.Training.Registry.Rest;
using AiPlatform.Sdk.Training.Tracking.Rest;
using static AiPlatform.Sdk.AspNetCore.Training.MlflowHttp;

namespace AiPlatform.Sdk.AspNetCore.Training;

/// <summary>
/// MLflow's model registry REST API 2.0 (<c>registered-models/*</c>, <c>model-versions/*</c>, aliases, stage transitions) over the
/// application's <see cref="IModelRegistry"/>, with MLflow's paths, verbs, field names and error codes.
/// </summary>
internal static class MlflowRegistryEndpoints
{
    private static readonly RegistryJsonContext Json = RegistryJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/2.0/mlflow").WithTags("MLflow model registry");
        api.MapPost("/registered-models/create", (HttpContext http, IModelRegistry r) => Handle(http, Json.CreateRegisteredModelRequest, async (q, ct) =>
            Model(await r.CreateRegisteredModelAsync(Required(q.Name, "name"), q.Description, MlflowMapping.Dictionary(q.Tags), ct))))
            .RequireAuthorization(ServerPolicies.Write);
        api.MapGet("/registered-models/get", (HttpContext http, IModelRegistry r) => Handle(http, async ct =>
            Model(await r.GetRegisteredModelAsync(Query(http, "name"), ct)))).RequireAuthorization(ServerPolicies.Read);
        api.MapPost("/registered-models/search", (HttpContext http, IModelRegistry r) => Handle(http, Json.SearchRegisteredModelsRequest, (q, ct) =>
            SearchModelsAsync(r, q.Filter, q.MaxResults == 0 ? 100 : q.MaxResults, q.PageToken, ct))).RequireAuthorization(ServerPolicies.Read);
        api.MapGet("/registered-models/search", (HttpContext http, IModelRegistry r) => Handle(http, ct =>
            SearchModelsAsync(r, http.Request.Query["filter"], long.TryParse(http.Request.Query["max_results"], out var max) ? max : 100,
                http.Request.Query["page_token"], ct))).RequireAuthorization(ServerPolicies.Read);
        api.MapPost("/registered-models/rename", (HttpContext http, IModelRegistry r) => Handle(http, Json.RenameRegisteredModelRequest, async (q, ct) =>
            Model(await r.RenameRegisteredModelAsync(Required(q.Name, "name"), Required(q.NewName, "new_name"), ct))))
            .RequireAuthorization(ServerPolicies.Write);
        api.MapPost("/registered-models/set-tag", (HttpContext http, IModelRegistry r) => Handle(http, Json.ModelTagRequest, async (q, ct) =>
        {
            await r.SetRegisteredModelTagAsync(Required(q.Name, "name"), Required(q.Key, "key"), q.Value ?? string.Empty, ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapDelete("/registered-models/delete", (HttpContext http, IModelRegistry r) => Handle(http, Json.NameRequest, async (q, ct) =>
        {
            await r.DeleteRegisteredModelAsync(Required(q.Name, "name"), ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapPost("/registered-models/alias", (HttpContext http, IModelRegistry r) => Handle(http, Json.AliasRequest, async (q, ct) =>
        {
            await r.SetAliasAsync(Required(q.Name, "name"), Required(q.Alias, "alias"), Required(q.Version, "version"), ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapDelete("/registered-models/alias", (HttpContext http, IModelRegistry r) => Handle(http, Json.AliasRequest, async (q, ct) =>
        {
            await r.DeleteAliasAsync(Required(q.Name, "name"), Required(q.Alias, "alias"), ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapGet("/registered-models/alias", (HttpContext http, IModelRegistry r) => Handle(http, async ct =>
            Version(await r.GetModelVersionByAliasAsync(Query(http, "name"), Query(http, "alias"), ct)))).RequireAuthorization(ServerPolicies.Read);

        api.MapPost("/model-versions/create", (HttpContext http, IModelRegistry r) => Handle(http, Json.CreateModelVersionRequest, async (q, ct) =>
            Version(await r.CreateModelVersionAsync(
                Required(q.Name, "name"), Required(q.Source, "source"), string.IsNullOrEmpty(q.RunId) ? null : q.RunId, q.Description,
                MlflowMapping.Dictionary(q.Tags), ct)))).RequireAuthorization(ServerPolicies.Write);
        api.MapGet("/model-versions/get", (HttpContext http, IModelRegistry r) => Handle(http, async ct =>
            Version(await r.GetModelVersionAsync(Query(http, "name"), Query(http, "version"), ct)))).RequireAuthorization(ServerPolicies.Read);
        api.MapGet("/model-versions/search", (HttpContext http, IModelRegistry r) => Handle(http, async ct =>
        {
            var name = ModelNameFilter(http.Request.Query["filter"]);
            var all = new List<ModelVersion>();
            await foreach (var version in r.SearchModelVersionsAsync(name, ct))
            {
                all.Add(version);
            }

            var (page, next) = Page(all, long.TryParse(http.Request.Query["max_results"], out var max) ? max : 10_000, http.Request.Query["page_token"], "SearchModelVersions");
            return Ok(new SearchModelVersionsResponse([.. page.Select(RegistryMapping.ToDto)], next), Json.SearchModelVersionsResponse);
        })).RequireAuthorization(ServerPolicies.Read);
        api.MapGet("/model-versions/get-download-uri", (HttpContext http, IModelRegistry r) => Handle(http, async ct =>
            Ok(new DownloadUriResponse(await r.GetModelVersionDownloadUriAsync(Query(http, "name"), Query(http, "version"), ct)), Json.DownloadUriResponse)))
            .RequireAuthorization(ServerPolicies.Read);
        api.MapPost("/model-versions/set-tag", (HttpContext http, IModelRegistry r) => Handle(http, Json.ModelTagRequest, async (q, ct) =>
        {
            await r.SetModelVersionTagAsync(Required(q.Name, "name"), Required(q.Version, "version"), Required(q.Key, "key"), q.Value ?? string.Empty, ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapPost("/model-versions/transition-stage", (HttpContext http, IModelRegistry r) => Handle(http, Json.TransitionStageRequest, async (q, ct) =>
            Version(await r.TransitionStageAsync(Required(q.Name, "name"), Required(q.Version, "version"), Required(q.Stage, "stage"), q.ArchiveExistingVersions, ct))))
            .RequireAuthorization(ServerPolicies.Write);
    }

    private static async Task<IResult> SearchModelsAsync(IModelRegistry registry, string? filter, long maxResults, string? token, CancellationToken ct)
    {
        var all = new List<RegisteredModel>();
        await foreach (var model in registry.SearchRegisteredModelsAsync(string.IsNullOrEmpty(filter) ? null : filter, ct))
        {
            all.Add(model);
        }

        var (page, next) = Page(all, maxResults, token, "SearchRegisteredModels");
        return Ok(new SearchRegisteredModelsResponse([.. page.Select(RegistryMapping.ToDto)], next), Json.SearchRegisteredModelsResponse);
    }

    /// <summary>The one model-version filter served: <c>name='...'</c> (what MLflow's clients send to list a model's versions).</summary>
    private static string ModelNameFilter(string? filter)
    {
        var trimmed = filter?.Trim() ?? string.Empty;
        var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0 || trimmed[..equals].Trim() != "name")
        {
            throw AiPlatform.Sdk.Training.Tracking.TrackingErrors.Invalid("SearchModelVersions", $"Invalid filter '{filter}': expected name='<registered model>'.");
        }

        var value = trimmed[(equals + 1)..].Trim();
        return value.Length >= 2 && value[0] is '\'' or '"' && value[^1] == value[0] ? value[1..^1] : value;
    }

    private static IResult Model(RegisteredModel model) => Ok(new RegisteredModelResponse(RegistryMapping.ToDto(model)), Json.RegisteredModelResponse);

    private static IResult Version(ModelVersion version) => Ok(new ModelVersionResponse(RegistryMapping.ToDto(version)), Json.ModelVersionResponse);
}
