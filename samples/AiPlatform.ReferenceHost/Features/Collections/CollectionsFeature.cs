using System.Linq.Expressions;
using AiPlatform.ReferenceHost.Features.Security;
using AiPlatform.Sdk;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.ReferenceHost.Features.Collections;

/// <summary>
/// Semantic search over <c>/v1/collections</c>: create, list and delete chunk collections; ingest documents as jobs
/// (<c>GET /v1/jobs/{id}</c>, cancelled by <c>DELETE /v1/jobs/{id}</c>); search by text or vector with top-k, filter and score threshold. Reads need
/// <see cref="HostPolicies.Read"/>, writes <see cref="HostPolicies.Write"/>. Collections and jobs persist in the data folder.
/// </summary>
internal static class CollectionsFeature
{
    /// <summary>Registers the vector store (embedded, or Weaviate when configured) and the feature's services.</summary>
    public static void AddCollectionsFeature(this WebApplicationBuilder builder)
    {
        builder.AddAiPlatform();
        builder.Services.AddSingleton<SemanticCollections>();
        builder.Services.AddSingleton<IngestJobs>();
        builder.Services.AddHostedService<IngestWorker>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, CollectionsJsonContext.Default));
    }

    /// <summary>The object id that permissions on a collection name: <c>collection:{name}</c>.</summary>
    private static string? CollectionObject(HttpContext http) =>
        http.Request.RouteValues["name"] is string name ? $"collection:{name}" : null;

    /// <summary>Maps the collection, job and search endpoints.</summary>
    public static void MapCollectionEndpoints(this WebApplication app)
    {
        var collections = app.MapGroup("/v1/collections");
        collections.MapPost("", CreateAsync).RequireAuthorization(HostPolicies.Write);
        collections.MapGet("", ListAsync).RequireAuthorization(HostPolicies.Read);
        collections.MapGet("/{name}", (string name, SemanticCollections c) =>
                c.Find(name) is { } entry ? Results.Ok(Info(entry)) : NotFound(name))
            .RequireAuthorization(HostPolicies.Read).RequireObjectPermissionWhenRestricted("read", CollectionObject);
        collections.MapDelete("/{name}", DeleteAsync)
            .RequireAuthorization(HostPolicies.Write).RequireObjectPermissionWhenRestricted("write", CollectionObject);
        collections.MapPost("/{name}/documents", Ingest).RequireAuthorization(HostPolicies.Write)
            .RequireObjectPermissionWhenRestricted("write", CollectionObject);
        collections.MapPost("/{name}/search", SearchAsync).RequireAuthorization(HostPolicies.Read)
            .RequireObjectPermissionWhenRestricted("read", CollectionObject);
        app.MapGet("/v1/jobs/{id}", async (string id, IngestJobs jobs, ObjectAccess access, HttpContext http) =>
                await FindJobAsync(id, "read", jobs, access, http) is { } problem ? problem : Results.Ok(jobs.Find(id)))
            .RequireAuthorization(HostPolicies.Read);
        app.MapDelete("/v1/jobs/{id}", CancelJobAsync).RequireAuthorization(HostPolicies.Write);
    }

    private static async Task<IResult> ListAsync(SemanticCollections collections, ObjectAccess access, HttpContext http)
    {
        var caller = access.CallerOf(http);
        var visible = new List<CollectionInfo>();
        foreach (var entry in collections.List())
        {
            if (await access.MayAsync(caller, "read", $"collection:{entry.Name}", http.RequestAborted))
            {
                visible.Add(Info(entry));
            }
        }

        return Results.Ok(new CollectionList(visible));
    }

    private static async Task<IResult> DeleteAsync(string name, SemanticCollections collections, IngestJobs jobs, CancellationToken cancellationToken)
    {
        if (!await collections.DeleteAsync(name, cancellationToken))
        {
            return NotFound(name);
        }

        jobs.CancelForCollection(name, $"Collection '{name}' was deleted.");
        return Results.NoContent();
    }

    private static async Task<IResult> CancelJobAsync(string id, IngestJobs jobs, ObjectAccess access, HttpContext http)
    {
        if (await FindJobAsync(id, "write", jobs, access, http) is { } problem)
        {
            return problem;
        }

        return jobs.Cancel(id, IngestWorker.CancelledByCaller)
            ? Results.Accepted($"/v1/jobs/{id}", jobs.Find(id))
            : Results.Problem($"Job '{id}' has finished already.", statusCode: StatusCodes.Status409Conflict);
    }

    // A job is visible to callers who may read its collection and cancellable by those who may write it.
    private static async Task<IResult?> FindJobAsync(string id, string permission, IngestJobs jobs, ObjectAccess access, HttpContext http) =>
        jobs.Find(id) is not { } job ? Results.Problem($"Job '{id}' does not exist.", statusCode: StatusCodes.Status404NotFound)
        : await access.MayAsync(access.CallerOf(http), permission, $"collection:{job.Collection}", http.RequestAborted) ? null
        : ObjectPermissionFilter.Forbidden($"'collection:{job.Collection}' is restricted and the caller lacks the '{permission}' permission on it.");

    private static async Task<IResult> CreateAsync(
        CreateCollectionRequest request, SemanticCollections collections, ObjectAccess access, HttpContext http, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await collections.CreateAsync(request, cancellationToken);
            await access.ClaimAsync(access.CallerOf(http), $"collection:{entry.Name}", cancellationToken);
            return Results.Created($"/v1/collections/{entry.Name}", Info(entry));
        }
        catch (ArgumentException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (InvalidOperationException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static IResult Ingest(string name, IngestRequest request, SemanticCollections collections, IngestJobs jobs, ObjectAccess access, HttpContext http)
    {
        if (collections.Find(name) is null)
        {
            return NotFound(name);
        }

        if (request.Documents is not { Count: > 0 })
        {
            return Results.Problem("'documents' must hold at least one document.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.ChunkSize is < 16 or > 100_000 || request.ChunkOverlap is < 0 || request.ChunkOverlap >= (request.ChunkSize ?? IngestWorker.DefaultChunkSize))
        {
            return Results.Problem("'chunkSize' must be 16-100000 and 'chunkOverlap' from 0 to below it.", statusCode: StatusCodes.Status400BadRequest);
        }

        var job = jobs.Enqueue(name, request, access.CallerOf(http));
        return Results.Accepted($"/v1/jobs/{job.Id}", job);
    }

    private static async Task<IResult> SearchAsync(string name, SearchRequestBody request, SemanticCollections collections, CancellationToken cancellationToken)
    {
        if (collections.Find(name) is not { } entry)
        {
            return NotFound(name);
        }

        if (request.Top is < 1 or > 1000 || (request.Text is null) == (request.Vector is null))
        {
            return Results.Problem("Give exactly one of 'text' and 'vector', and 'top' from 1 to 1000.", statusCode: StatusCodes.Status400BadRequest);
        }

        float[] query;
        if (request.Vector is { } vector)
        {
            query = vector;
        }
        else if (collections.Generator is { } generator)
        {
            query = (await generator.GenerateVectorAsync(request.Text!, cancellationToken: cancellationToken)).ToArray();
        }
        else
        {
            return Results.Problem("Searching by text needs an embedding model (AiPlatform:Serving:Embeddings).", statusCode: StatusCodes.Status400BadRequest);
        }

        var options = new VectorSearchOptions<ChunkRecord> { Filter = Filter(request.Filter), ScoreThreshold = request.ScoreThreshold };
        var hits = new List<SearchHit>();
        try
        {
            await foreach (var result in collections.Collection(entry).SearchAsync(new ReadOnlyMemory<float>(query), request.Top, options, cancellationToken))
            {
                var chunk = result.Record;
                hits.Add(new SearchHit(chunk.Id.ToString("N"), chunk.DocumentId, chunk.Source, chunk.Text, chunk.Start, chunk.End, chunk.Tags, result.Score ?? 0));
            }
        }
        catch (ArgumentException e)
        {
            return Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Ok(new SearchResponse(hits));
    }

    private static Expression<Func<ChunkRecord, bool>>? Filter(SearchFilter? filter)
    {
        var record = Expression.Parameter(typeof(ChunkRecord), "chunk");
        var conditions = new List<Expression>();
        if (filter?.Source is { } source)
        {
            conditions.Add(Expression.Equal(Expression.Property(record, nameof(ChunkRecord.Source)), Expression.Constant(source)));
        }

        if (filter?.DocumentId is { } documentId)
        {
            conditions.Add(Expression.Equal(Expression.Property(record, nameof(ChunkRecord.DocumentId)), Expression.Constant(documentId)));
        }

        if (filter?.Tag is { } tag)
        {
            conditions.Add(Expression.Call(
                typeof(Enumerable), nameof(Enumerable.Contains), [typeof(string)], Expression.Property(record, nameof(ChunkRecord.Tags)), Expression.Constant(tag)));
        }

        return conditions.Count == 0 ? null : Expression.Lambda<Func<ChunkRecord, bool>>(conditions.Aggregate(Expression.AndAlso), record);
    }

    private static CollectionInfo Info(CatalogEntry entry) => new(entry.Name, entry.Dimensions, entry.Distance, entry.IndexKind, entry.Model);

    private static IResult NotFound(string name) => Results.Problem($"Collection '{name}' does not exist.", statusCode: StatusCodes.Status404NotFound);
}
