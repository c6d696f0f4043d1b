using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiPlatform.Sdk.AspNetCore.Collections;

/// <summary><c>POST /v1/collections</c>.</summary>
internal sealed record CreateCollectionRequest(string Name, int? Dimensions = null, string? Distance = null, string? IndexKind = null);

/// <summary>A collection as the API shows it.</summary>
internal sealed record CollectionInfo(string Name, int Dimensions, string Distance, string IndexKind, string? Model);

/// <summary>The list of collections.</summary>
internal sealed record CollectionList(IReadOnlyList<CollectionInfo> Collections);

/// <summary>One document to ingest: inline <see cref="Text"/>, or an object (<see cref="Bucket"/>, <see cref="ObjectKey"/>) from the object store.</summary>
internal sealed record DocumentInput(
    string? Id = null,
    string? Text = null,
    string? Bucket = null,
    string? ObjectKey = null,
    string? ContentType = null,
    string? Source = null,
    IReadOnlyList<string>? Tags = null);

/// <summary><c>POST /v1/collections/{name}/documents</c>.</summary>
internal sealed record IngestRequest(IReadOnlyList<DocumentInput> Documents, int? ChunkSize = null, int? ChunkOverlap = null);

/// <summary>One document that could not be processed.</summary>
internal sealed record DocumentFailure(string DocumentId, string Reason);

/// <summary>An ingest job as <c>GET /v1/jobs/{id}</c> shows it.</summary>
internal sealed record IngestJobInfo(
    string Id,
    string Collection,
    string Status,
    int TotalDocuments,
    int ProcessedDocuments,
    int IndexedChunks,
    IReadOnlyList<DocumentFailure> Failures,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt);

/// <summary>The filter of a search: all given conditions hold.</summary>
internal sealed record SearchFilter(string? Source = null, string? DocumentId = null, string? Tag = null);

/// <summary><c>POST /v1/collections/{name}/search</c>: by <see cref="Text"/> or by <see cref="Vector"/>.</summary>
internal sealed record SearchRequestBody(string? Text = null, float[]? Vector = null, int Top = 5, SearchFilter? Filter = null, double? ScoreThreshold = null);

/// <summary>One search hit.</summary>
internal sealed record SearchHit(string Id, string DocumentId, string Source, string Text, int Start, int End, IReadOnlyList<string> Tags, double Score);

/// <summary>The hits, best first.</summary>
internal sealed record SearchResponse(IReadOnlyList<SearchHit> Results);

/// <summary>What the catalog file keeps per collection.</summary>
internal sealed record CatalogEntry(string Name, int Dimensions, string Distance, string IndexKind, string? Model);

/// <summary>Source-generated JSON of the collections feature.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false)]
[JsonSerializable(typeof(CreateCollectionRequest))]
[JsonSerializable(typeof(CollectionInfo))]
[JsonSerializable(typeof(CollectionList))]
[JsonSerializable(typeof(IngestRequest))]
[JsonSerializable(typeof(IngestJobInfo))]
[JsonSerializable(typeof(SearchRequestBody))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(List<CatalogEntry>))]
internal sealed partial class CollectionsJsonContext : JsonSerializerContext;
