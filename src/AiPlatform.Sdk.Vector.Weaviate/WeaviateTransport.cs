using System.Net;
using System.Net.Http.Json;
using AiPlatform.Sdk.Vector.Weaviate.Protocol;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>
/// The calls the Weaviate vector store makes: schema and single objects over REST, search and batch import over gRPC. Every
/// failure leaves as an <see cref="AiPlatformException"/> through <see cref="AiPlatformErrors"/>.
/// </summary>
internal sealed partial class WeaviateTransport(
    HttpClient http, Protocol.Weaviate.WeaviateClient grpc, WeaviateSettings settings, ILogger<WeaviateTransport> logger)
{
    internal const string Service = "Weaviate";

    /// <summary>The settings the store was created with.</summary>
    public WeaviateSettings Settings { get; } = settings;

    public Task<bool> ClassExistsAsync(string className, CancellationToken cancellationToken) =>
        SendAsync("GetCollection", HttpMethod.Get, $"v1/schema/{className}", null, async response =>
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }

            await AiPlatformErrors.EnsureSuccessAsync(response, Service, "GetCollection", cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task CreateClassAsync(WeaviateClassDto definition, CancellationToken cancellationToken) =>
        SendAsync("CreateCollection", HttpMethod.Post, "v1/schema", JsonContent.Create(definition, WeaviateJsonContext.Default.WeaviateClassDto), Ensure("CreateCollection", cancellationToken), cancellationToken);

    public Task CreateTenantAsync(string className, string tenant, CancellationToken cancellationToken) =>
        SendAsync("CreateTenant", HttpMethod.Post, $"v1/schema/{className}/tenants",
            JsonContent.Create([new WeaviateTenantDto { Name = tenant }], WeaviateJsonContext.Default.ListWeaviateTenantDto),
            async response =>
            {
                if (response.StatusCode != HttpStatusCode.UnprocessableEntity)
                {
                    await AiPlatformErrors.EnsureSuccessAsync(response, Service, "CreateTenant", cancellationToken).ConfigureAwait(false);
                }

                return true;
            }, cancellationToken);

    public Task DeleteClassAsync(string className, CancellationToken cancellationToken) =>
        SendAsync("DeleteCollection", HttpMethod.Delete, $"v1/schema/{className}", null, IgnoreNotFound("DeleteCollection", cancellationToken), cancellationToken);

    public Task<WeaviateSchemaDto?> GetSchemaAsync(CancellationToken cancellationToken) =>
        SendAsync("ListCollections", HttpMethod.Get, "v1/schema", null, async response =>
        {
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, "ListCollections", cancellationToken).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync(WeaviateJsonContext.Default.WeaviateSchemaDto, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<WeaviateObjectDto?> GetObjectAsync(string className, Guid id, bool includeVectors, CancellationToken cancellationToken) =>
        SendAsync("GetObject", HttpMethod.Get, ObjectPath(className, id, includeVectors ? "include=vector" : null), null, async response =>
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            await AiPlatformErrors.EnsureSuccessAsync(response, Service, "GetObject", cancellationToken).ConfigureAwait(false);
            return await response.Content.ReadFromJsonAsync(WeaviateJsonContext.Default.WeaviateObjectDto, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task DeleteObjectAsync(string className, Guid id, CancellationToken cancellationToken) =>
        SendAsync("DeleteObject", HttpMethod.Delete, ObjectPath(className, id, null), null, IgnoreNotFound("DeleteObject", cancellationToken), cancellationToken);

    public async Task<SearchReply> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await grpc.SearchAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            LogFailed(logger, "Search", e.Status.Detail);
            throw AiPlatformErrors.FromRpc(e, Service, "Search");
        }
    }

    public async Task<BatchObjectsReply> BatchObjectsAsync(BatchObjectsRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await grpc.BatchObjectsAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            LogFailed(logger, "BatchObjects", e.Status.Detail);
            throw AiPlatformErrors.FromRpc(e, Service, "BatchObjects");
        }
    }

    /// <summary>The configured consistency level as the gRPC enum, or <see langword="null"/>.</summary>
    public Protocol.ConsistencyLevel? ConsistencyLevel => Settings.ConsistencyLevel switch
    {
        "ONE" => Protocol.ConsistencyLevel.One,
        "QUORUM" => Protocol.ConsistencyLevel.Quorum,
        "ALL" => Protocol.ConsistencyLevel.All,
        _ => null,
    };

    private string ObjectPath(string className, Guid id, string? query)
    {
        var parameters = new List<string>();
        if (query is not null)
        {
            parameters.Add(query);
        }

        if (Settings.Tenant is { } tenant)
        {
            parameters.Add("tenant=" + Uri.EscapeDataString(tenant));
        }

        if (Settings.ConsistencyLevel is { } level)
        {
            parameters.Add("consistency_level=" + level);
        }

        return $"v1/objects/{className}/{id}" + (parameters.Count == 0 ? "" : "?" + string.Join('&', parameters));
    }

    private static Func<HttpResponseMessage, Task<bool>> Ensure(string operation, CancellationToken cancellationToken) => async response =>
    {
        await AiPlatformErrors.EnsureSuccessAsync(response, Service, operation, cancellationToken).ConfigureAwait(false);
        return true;
    };

    private static Func<HttpResponseMessage, Task<bool>> IgnoreNotFound(string operation, CancellationToken cancellationToken) => async response =>
    {
        if (response.StatusCode != HttpStatusCode.NotFound)
        {
            await AiPlatformErrors.EnsureSuccessAsync(response, Service, operation, cancellationToken).ConfigureAwait(false);
        }

        return true;
    };

    private async Task<T> SendAsync<T>(
        string operation, HttpMethod method, string path, HttpContent? content, Func<HttpResponseMessage, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = content };
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return await read(response).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, operation, e.Message);
            throw AiPlatformErrors.FromException(e, Service, operation, http.BaseAddress);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Weaviate {Operation} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string operation, string reason);
}
