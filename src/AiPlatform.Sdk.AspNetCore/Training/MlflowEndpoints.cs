using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AiPlatform.Sdk.Training.Tracking;
using AiPlatform.Sdk.Training.Tracking.Rest;

using static AiPlatform.Sdk.AspNetCore.Training.MlflowHttp;

namespace AiPlatform.Sdk.AspNetCore.Training;

/// <summary>
/// MLflow's tracking REST API 2.0 (<c>/api/2.0/mlflow/...</c>) over the application's <see cref="IExperimentTracker"/>, so that
/// MLflow's own clients (Python <c>mlflow</c> with <c>MLFLOW_TRACKING_URI</c>, Java, JavaScript, <c>curl</c>) work against the
/// platform: the same paths, verbs, JSON field names, status codes, error codes (<c>RESOURCE_DOES_NOT_EXIST</c>,
/// <c>INVALID_PARAMETER_VALUE</c>, <c>RESOURCE_ALREADY_EXISTS</c>), page tokens and log-batch limits. Reads need
/// <see cref="ServerPolicies.Read"/>, writes <see cref="ServerPolicies.Write"/>.
/// </summary>
internal static class MlflowEndpoints
{
    private static readonly MlflowJsonContext Json = MlflowJsonContext.Default;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/2.0/mlflow").WithTags("MLflow tracking");
        api.MapPost("/experiments/create", (HttpContext http, IExperimentTracker t) => Handle(http, Json.CreateExperimentRequest, async (r, ct) =>
        {
            var id = await t.CreateExperimentAsync(Required(r.Name, "name"), MlflowMapping.Dictionary(r.Tags), ct);
            return Ok(new CreateExperimentResponse(id), Json.CreateExperimentResponse);
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapGet("/experiments/get", (HttpContext http, IExperimentTracker t) => Handle(http, async ct =>
            Ok(new ExperimentResponse(MlflowMapping.ToDto(await t.GetExperimentAsync(Query(http, "experiment_id"), ct))), Json.ExperimentResponse)))
            .RequireAuthorization(ServerPolicies.Read);
        api.MapGet("/experiments/get-by-name", (HttpContext http, IExperimentTracker t) => Handle(http, async ct =>
        {
            var name = Query(http, "experiment_name");
            var experiment = await t.FindExperimentAsync(name, ct)
                ?? throw TrackingErrors.NotFound("GetExperimentByName", $"Could not find experiment with name '{name}'");
            return Ok(new ExperimentResponse(MlflowMapping.ToDto(experiment)), Json.ExperimentResponse);
        })).RequireAuthorization(ServerPolicies.Read);
        api.MapPost("/experiments/search", (HttpContext http, IExperimentTracker t) => Handle(http, Json.SearchExperimentsRequest, (r, ct) =>
            SearchExperimentsAsync(t, r.MaxResults, r.PageToken, ct))).RequireAuthorization(ServerPolicies.Read);
        api.MapGet("/experiments/search", (HttpContext http, IExperimentTracker t) => Handle(http, ct =>
            SearchExperimentsAsync(t, long.TryParse(http.Request.Query["max_results"], out var max) ? max : 1000, http.Request.Query["page_token"], ct)))
            .RequireAuthorization(ServerPolicies.Read);
        api.MapPost("/experiments/set-experiment-tag", (HttpContext http, IExperimentTracker t) => Handle(http, Json.SetExperimentTagRequest, async (r, ct) =>
        {
            await t.SetExperimentTagAsync(Required(r.ExperimentId, "experiment_id"), Required(r.Key, "key"), r.Value ?? string.Empty, ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);

        api.MapPost("/runs/create", (HttpContext http, IExperimentTracker t) => Handle(http, Json.CreateRunRequest, async (r, ct) =>
        {
            var tags = MlflowMapping.Dictionary(r.Tags);
            if (!string.IsNullOrEmpty(r.UserId))
            {
                tags.TryAdd("mlflow.user", r.UserId);
            }

            var run = await t.CreateRunAsync(string.IsNullOrEmpty(r.ExperimentId) ? "0" : r.ExperimentId, r.RunName, tags, ct);
            return Ok(new RunResponse(MlflowMapping.ToDto(run)), Json.RunResponse);
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapPost("/runs/update", (HttpContext http, IExperimentTracker t) => Handle(http, Json.UpdateRunRequest, async (r, ct) =>
        {
            var info = await t.UpdateRunAsync(Required(string.IsNullOrEmpty(r.RunId) ? r.RunUuid : r.RunId, "run_id"), MlflowMapping.Status(Required(r.Status, "status")), ct);
            return Ok(new UpdateRunResponse(MlflowMapping.ToDto(info)), Json.UpdateRunResponse);
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapGet("/runs/get", (HttpContext http, IExperimentTracker t) => Handle(http, async ct =>
            Ok(new RunResponse(MlflowMapping.ToDto(await t.GetRunAsync(RunIdQuery(http), ct))), Json.RunResponse)))
            .RequireAuthorization(ServerPolicies.Read);
        api.MapPost("/runs/search", (HttpContext http, IExperimentTracker t) => Handle(http, Json.SearchRunsRequest, (r, ct) =>
            SearchRunsAsync(t, r, ct))).RequireAuthorization(ServerPolicies.Read);
        api.MapPost("/runs/log-batch", (HttpContext http, IExperimentTracker t) => Handle(http, Json.LogBatchRequest, async (r, ct) =>
        {
            var metrics = r.Metrics ?? [];
            var parameters = r.Params ?? [];
            var tags = r.Tags ?? [];
            if (metrics.Count > TrackingLimits.MaxMetrics || parameters.Count > TrackingLimits.MaxParams || tags.Count > TrackingLimits.MaxTags ||
                metrics.Count + parameters.Count + tags.Count > TrackingLimits.MaxItems)
            {
                throw TrackingErrors.Invalid("LogBatch",
                    $"A batch logged {metrics.Count} metrics, {parameters.Count} params and {tags.Count} tags; the limits are {TrackingLimits.MaxMetrics} metrics, " +
                    $"{TrackingLimits.MaxParams} params, {TrackingLimits.MaxTags} tags and {TrackingLimits.MaxItems} items in total.");
            }

            await t.LogBatchAsync(
                Required(r.RunId, "run_id"), [.. metrics.Select(MlflowMapping.ToModel)], MlflowMapping.Dictionary(parameters), MlflowMapping.Dictionary(tags), ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapPost("/runs/log-metric", (HttpContext http, IExperimentTracker t) => Handle(http, Json.LogMetricRequest, async (r, ct) =>
        {
            await t.LogBatchAsync(Required(RunId(r.RunId, r.RunUuid), "run_id"),
                [new Metric(Required(r.Key, "key"), r.Value, MlflowMapping.Time(r.Timestamp), r.Step)], cancellationToken: ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapPost("/runs/log-parameter", (HttpContext http, IExperimentTracker t) => Handle(http, Json.KeyValueRequest, async (r, ct) =>
        {
            await t.LogBatchAsync(Required(RunId(r.RunId, r.RunUuid), "run_id"),
                parameters: new Dictionary<string, string> { [Required(r.Key, "key")] = r.Value ?? string.Empty }, cancellationToken: ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapPost("/runs/set-tag", (HttpContext http, IExperimentTracker t) => Handle(http, Json.KeyValueRequest, async (r, ct) =>
        {
            await t.LogBatchAsync(Required(RunId(r.RunId, r.RunUuid), "run_id"),
                tags: new Dictionary<string, string> { [Required(r.Key, "key")] = r.Value ?? string.Empty }, cancellationToken: ct);
            return Empty();
        })).RequireAuthorization(ServerPolicies.Write);
        api.MapGet("/metrics/get-history", (HttpContext http, IExperimentTracker t) => Handle(http, async ct =>
        {
            var history = await t.GetMetricHistoryAsync(RunIdQuery(http), Query(http, "metric_key"), ct);
            return Ok(new MetricHistoryResponse([.. history.Select(MlflowMapping.ToDto)], null), Json.MetricHistoryResponse);
        })).RequireAuthorization(ServerPolicies.Read);
    }

    private static async Task<IResult> SearchExperimentsAsync(IExperimentTracker tracker, long maxResults, string? pageToken, CancellationToken ct)
    {
        var all = new List<Experiment>();
        await foreach (var experiment in tracker.SearchExperimentsAsync(ct))
        {
            all.Add(experiment);
        }

        var (page, next) = Page(all, maxResults, pageToken, "SearchExperiments");
        return Ok(new SearchExperimentsResponse([.. page.Select(MlflowMapping.ToDto)], next), Json.SearchExperimentsResponse);
    }

    private static async Task<IResult> SearchRunsAsync(IExperimentTracker tracker, SearchRunsRequest request, CancellationToken ct)
    {
        var all = new List<Run>();
        var query = new RunQuery { ExperimentIds = request.ExperimentIds ?? [], Filter = request.Filter, OrderBy = request.OrderBy ?? [] };
        await foreach (var run in tracker.SearchRunsAsync(query, ct))
        {
            all.Add(run);
        }

        var (page, next) = Page(all, request.MaxResults == 0 ? 1000 : request.MaxResults, request.PageToken, "SearchRuns");
        return Ok(new SearchRunsResponse([.. page.Select(MlflowMapping.ToDto)], next), Json.SearchRunsResponse);
    }
}
