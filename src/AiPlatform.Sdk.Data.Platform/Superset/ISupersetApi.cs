using System.Text.Json.Serialization;
using Refit;

namespace AiPlatform.Sdk.Data.Platform.Superset;

/// <summary>
/// Superset's REST API as docs/static/resources/openapi.json declares it. <c>q</c> is a rison-encoded argument (Superset's and Flask-AppBuilder's
/// query language): <c>(page:0,page_size:100)</c> for a listing, <c>!(1,2)</c> for a list of ids.
/// </summary>
internal interface ISupersetApi
{
    [Get("/api/v1/dashboard/")]
    Task<ListPage<SupersetDashboard>> ListDashboardsAsync(string q, CancellationToken cancellationToken);

    [Get("/api/v1/chart/")]
    Task<ListPage<SupersetChart>> ListChartsAsync(string q, CancellationToken cancellationToken);

    [Get("/api/v1/dataset/")]
    Task<ListPage<SupersetDataset>> ListDatasetsAsync(string q, CancellationToken cancellationToken);

    [Post("/api/v1/security/guest_token/")]
    Task<GuestTokenResponse> CreateGuestTokenAsync([Body] GuestTokenBody body, CancellationToken cancellationToken);

    [Get("/api/v1/dashboard/export/")]
    Task<Stream> ExportDashboardsAsync(string q, CancellationToken cancellationToken);

    [Post("/api/v1/dashboard/import/")]
    Task<ImportResponse> ImportDashboardsAsync([Body] MultipartFormDataContent form, CancellationToken cancellationToken);
}

/// <summary>Flask-AppBuilder's list answer: the page's items and the total count.</summary>
internal sealed record ListPage<T>(List<T>? Result, int Count);

internal sealed record GuestTokenBody(GuestUser User, List<GuestResource> Resources, List<RowLevelRule> Rls);

internal sealed record GuestUser(string Username, string FirstName, string LastName);

internal sealed record GuestResource(string Type, string Id);

internal sealed record RowLevelRule(string Clause);

internal sealed record GuestTokenResponse(string? Token);

internal sealed record LoginRequest(string Username, string Password, string Provider, bool Refresh);

internal sealed record LoginResponse(string? AccessToken, string? RefreshToken);

internal sealed record CsrfResponse(string? Result);

internal sealed record ImportResponse(string? Message);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ListPage<SupersetDashboard>))]
[JsonSerializable(typeof(ListPage<SupersetChart>))]
[JsonSerializable(typeof(ListPage<SupersetDataset>))]
[JsonSerializable(typeof(GuestTokenBody))]
[JsonSerializable(typeof(GuestTokenResponse))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(LoginResponse))]
[JsonSerializable(typeof(CsrfResponse))]
[JsonSerializable(typeof(ImportResponse))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class SupersetJsonContext : JsonSerializerContext;
