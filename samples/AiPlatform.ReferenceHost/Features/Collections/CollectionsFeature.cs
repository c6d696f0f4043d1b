using System.Linq.Expressions;
using AiPlatform.ReferenceHost.Features.Security;
using AiPlatform.Sdk;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.VectorData;

namespace AiPlatform.ReferenceHost.Features.Collections;

/// <summary>
/// Semantic search over <c>/v1/collections</c>: create, list and delete chunk collections; ingest documents as jobs
/// (<c>GET /v1/jobs/{id}</c>); search by text or vector with top-k, filter and score threshold. Reads need
/// <see cref="HostPolicies.Read"/>, writes <see cref="HostPolicies.Write"/>. Collections and jobs persist in the data folder.
/// </summary>
internal static class CollectionsFeature
{
    /// <summary>Registers the vector store (embedded, or Weaviate when configured) and the feature's services.</summary>
    public static void AddCollectionsFeature(this WebApplicationBuilder builder)
    {
        builder.AddAiPlatform().AddVectorStore();
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
        collections.MapGet("", (SemanticCollections c) => TypedResults.Ok(new CollectionList(c.List().Select(Info).ToList())))
            .RequireAuthorization(HostPolicies.Read);
        collections.MapGet("/{name}", (string name, SemanticCollections c) =>
                c.Find(name) is { } entry ? Results.Ok(Info(entry)) : NotFound(name))
            .RequireAuthorization(HostPolicies.Read).RequireObjectPermissionWhenRestricted("read", CollectionObject);
        collections.MapDelete("/{name}", async (string name, SemanticCollections c, CancellationToken ct) =>
                await c.DeleteAsync(name, ct) ? Results.NoContent() : NotFound(name))
            .RequireAuthorization(HostPolicies.Write).RequireObjectPermissionWhenRestricted("write", CollectionObject);
        collections.MapPost("/{name}/documents", Ingest).RequireAuthorization(HostPolicies.Write)
            .RequireObjectPermissionWhenRestricted("write", CollectionObject);
        collections.MapPost("/{name}/search", SearchAsync).RequireAuthorization(HostPolicies.Read)
            .RequireObjectPermissionWhenRestricted("read", CollectionObject);
        app.MapGet("/v1/jobs/{id}", (string id, IngestJobs jobs) =>
                jobs.Find(id) is { } job ? Results.Ok(job) : Results.Problem($"Job '{id}' does not exist.", statusCode: 404))
            .RequireAuthorization(HostPolicies.Read);
    }

    private static async Task<IResult> CreateAsync(CreateCollectionRequest request, SemanticCollections collections, CancellationToken cancellationToken)
    {
        try
        {
            var entry = await collections.CreateAsync(request, cancellationToken);
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

    private static IResult Ingest(string name, IngestRequest request, SemanticCollections collections, IngestJobs jobs)
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

        var job = jobs.Enqueue(name, request);
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
