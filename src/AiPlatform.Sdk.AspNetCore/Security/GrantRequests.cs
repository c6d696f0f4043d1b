using System.Text.Json;
using AiPlatform.Sdk.Identity.Permissions;
using Microsoft.AspNetCore.Http.Features;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>
/// Reads the grant of <c>PUT</c> and <c>DELETE /v1/permissions</c> in the same shapes for both: a JSON body
/// <c>{subject, permission, objectId}</c>, or the query <c>?subject=&amp;permission=&amp;objectId=</c>. Each part is bounded by
/// <see cref="MaxPartLength"/>, so any grant that can be made can also be revoked.
/// </summary>
internal static class GrantRequests
{
    /// <summary>The longest subject, permission or object id accepted, in characters.</summary>
    public const int MaxPartLength = 256;

    private const long MaxBodyBytes = 16 * 1024;

    /// <summary>The grant of the request, or the problem that says why it is malformed.</summary>
    public static async Task<(ObjectPermission? Grant, IResult? Problem)> ReadAsync(HttpContext http)
    {
        ObjectPermission? grant;
        if (HasBody(http.Request))
        {
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxBodyBytes;
            }

            try
            {
                grant = await JsonSerializer.DeserializeAsync(http.Request.Body, SecurityJsonContext.Default.ObjectPermission, http.RequestAborted);
            }
            catch (JsonException ex)
            {
                return (null, Invalid($"The body is not a grant {{subject, permission, objectId}}: {ex.Message}"));
            }
        }
        else
        {
            var query = http.Request.Query;
            grant = new ObjectPermission(query["subject"].ToString(), query["permission"].ToString(), query["objectId"].ToString());
        }

        if (grant is null)
        {
            return (null, Invalid("The body is not a grant {subject, permission, objectId}."));
        }

        if (new[] { grant.Subject, grant.Permission, grant.ObjectId }.Any(p => p?.Length > MaxPartLength))
        {
            return (null, Invalid($"'subject', 'permission' and 'objectId' may hold at most {MaxPartLength} characters each."));
        }

        try
        {
            grant.Validate();
        }
        catch (ArgumentException ex)
        {
            return (null, Invalid(ex.Message));
        }

        return (grant, null);
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static IResult Invalid(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid grant", detail: detail);
}
