using AiPlatform.Sdk.Identity.Permissions;

namespace AiPlatform.ReferenceHost.Features.Security;

/// <summary>
/// The object-permission API under <c>/v1/permissions</c>: writers grant and revoke; any caller lists and checks its own
/// permissions; holders of <c>admin</c> on an object list who may access it.
/// </summary>
internal static class PermissionEndpoints
{
    public const string AdminPermission = "admin";

    public static void MapPermissionEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/v1/permissions").WithTags("Permissions");
        group.MapPut("/", async (ObjectPermission grant, IObjectPermissionStore store, CancellationToken ct) =>
        {
            try
            {
                grant.Validate();
            }
            catch (ArgumentException ex)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid grant", detail: ex.Message);
            }

            await store.GrantAsync(grant, ct);
            return Results.NoContent();
        }).RequireAuthorization(HostPolicies.Write);

        group.MapDelete("/", async (string subject, string permission, string objectId, IObjectPermissionStore store, CancellationToken ct) =>
            await store.RevokeAsync(new ObjectPermission(subject, permission, objectId), ct) ? Results.NoContent() : Results.NotFound())
            .RequireAuthorization(HostPolicies.Write);

        group.MapGet("/mine", async (HttpContext http, IObjectPermissionStore store, CancellationToken ct) =>
        {
            var grants = new List<ObjectPermission>();
            foreach (var subject in CallerSubjects.Of(http.User))
            {
                await foreach (var grant in store.ListForSubjectAsync(subject, ct))
                {
                    grants.Add(grant);
                }
            }

            return Results.Ok(grants);
        }).RequireAuthorization(HostPolicies.Read);

        group.MapGet("/check", async (string permission, string objectId, HttpContext http, IObjectPermissionStore store, CancellationToken ct) =>
        {
            var subjects = CallerSubjects.Of(http.User);
            return Results.Ok(new PermissionCheckResult(await store.HasPermissionAsync(subjects, permission, objectId, ct), subjects));
        }).RequireAuthorization(HostPolicies.Read);

        group.MapGet("/objects/{objectId}", async (string objectId, IObjectPermissionStore store, CancellationToken ct) =>
        {
            var grants = new List<ObjectPermission>();
            await foreach (var grant in store.ListForObjectAsync(objectId, ct))
            {
                grants.Add(grant);
            }

            return Results.Ok(grants);
        }).RequireAuthorization(HostPolicies.Read)
            .RequireObjectPermission(AdminPermission, http => http.Request.RouteValues["objectId"] as string);
    }
}
