using System.Net.Http.Headers;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.AspNetCore.Security;
using Microsoft.AspNetCore.Http.Features;

namespace AiPlatform.Sdk.AspNetCore.Data;

/// <summary>
/// <c>/v1/objects</c>: objects streamed in and out of the object store without buffering. Request headers <c>x-meta-{name}</c> become
/// user metadata; GET honours a single <c>Range: bytes=a-b</c> and verifies the SHA-256 of whole reads; HEAD answers GET's headers.
/// </summary>
internal static class ObjectEndpoints
{
    private const string MetaPrefix = "x-meta-";

    /// <summary>The object id that permissions on a bucket name: <c>bucket:{bucket}</c>.</summary>
    private static string? BucketObject(HttpContext http) =>
        http.Request.RouteValues["bucket"] is string bucket ? $"bucket:{bucket}" : null;

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/objects").WithTags("Objects").WithDataProblems();
        group.MapPut("/{bucket}/{*key}", PutAsync).AcceptsAnyMediaType().RequireAuthorization(ServerPolicies.Write)
            .RequireObjectPermissionWhenRestricted("write", BucketObject);
        group.MapMethods("/{bucket}/{*key}", [HttpMethods.Get, HttpMethods.Head], GetAsync).RequireAuthorization(ServerPolicies.Read)
            .RequireObjectPermissionWhenRestricted("read", BucketObject);
        group.MapDelete("/{bucket}/{*key}", async (string bucket, string key, IObjectStore store, CancellationToken ct) =>
        {
            await store.DeleteAsync(bucket, key, ct);
            return Results.NoContent();
        }).RequireAuthorization(ServerPolicies.Write).RequireObjectPermissionWhenRestricted("write", BucketObject);
        group.MapGet("/{bucket}", async (string bucket, string? prefix, IObjectStore store, CancellationToken ct) =>
            await store.BucketExistsAsync(bucket, ct)
                ? Results.Ok(store.ListAsync(bucket, prefix, ct))
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such bucket", detail: $"Bucket {bucket} does not exist."))
            .RequireAuthorization(ServerPolicies.Read).RequireObjectPermissionWhenRestricted("read", BucketObject);
    }

    private static async Task<IResult> PutAsync(string bucket, string key, HttpContext http, IObjectStore store, ObjectAccess access, CancellationToken ct)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        var options = new PutObjectOptions { ContentType = http.Request.ContentType };
        foreach (var (name, value) in http.Request.Headers)
        {
            if (name.StartsWith(MetaPrefix, StringComparison.OrdinalIgnoreCase))
            {
                options.Metadata[name[MetaPrefix.Length..]] = value.ToString();
            }
        }

        if (!await store.BucketExistsAsync(bucket, ct))
        {
            await store.CreateBucketAsync(bucket, ct);
            await access.ClaimAsync(access.CallerOf(http), $"bucket:{bucket}", ct);
        }

        var info = await store.PutAsync(bucket, key, http.Request.Body, options, ct);
        // Keys may hold any Unicode; a Location header is ASCII, so each path segment is percent-encoded.
        return Results.Created($"/v1/objects/{Uri.EscapeDataString(bucket)}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}", info);
    }

    private static async Task<IResult> GetAsync(string bucket, string key, HttpContext http, IObjectStore store, CancellationToken ct)
    {
        var options = new GetObjectOptions { VerifyChecksum = true };
        var ranged = RangeHeaderValue.TryParse(http.Request.Headers.Range.ToString(), out var range)
                     && range.Unit == "bytes" && range.Ranges.Count == 1 && range.Ranges.Single().From is not null;
        if (ranged)
        {
            var item = range!.Ranges.Single();
            if (item.To < item.From)
            {
                return Results.Problem(statusCode: StatusCodes.Status416RangeNotSatisfiable, title: "Invalid range",
                    detail: $"The range ends ({item.To}) before it starts ({item.From}).");
            }

            options.Offset = item.From!.Value;

            // An end at or past the object's end means "to the end" (RFC 9110 14.1.2); long.MaxValue would overflow the length.
            options.Length = item.To is { } to && to < long.MaxValue ? to - item.From.Value + 1 : null;
        }

        var content = await store.GetAsync(bucket, key, options, ct);
        http.Response.RegisterForDisposeAsync(content);
        if (ranged && content.Length == 0)
        {
            http.Response.Headers.ContentRange = $"bytes */{content.Info.Size}";
            return Results.StatusCode(StatusCodes.Status416RangeNotSatisfiable);
        }

        http.Response.ContentLength = content.Length;
        foreach (var (name, value) in content.Info.Metadata)
        {
            http.Response.Headers[MetaPrefix + name] = value;
        }

        if (content.Info.Sha256 is { } sha)
        {
            http.Response.Headers.ETag = $"\"{sha}\"";
        }

        if (ranged)
        {
            http.Response.StatusCode = StatusCodes.Status206PartialContent;
            http.Response.Headers.ContentRange = new ContentRangeHeaderValue(options.Offset, options.Offset + content.Length - 1, content.Info.Size).ToString();
        }

        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentType = content.Info.ContentType ?? "application/octet-stream";
            return Results.Empty;
        }

        return Results.Stream(content.Content, content.Info.ContentType ?? "application/octet-stream");
    }
}
