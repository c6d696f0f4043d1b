using AiPlatform.Sdk.Identity.Permissions;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>
/// The object-permission API under <c>/v1/permissions</c>: holders of <c>admin</c> on an object (its creator, and whom it names)
/// and platform administrators grant, revoke and list who may access it; any caller lists and checks its own permissions.
/// </summary>
internal static class PermissionEndpoints
{
    public const string AdminPermission = "admin";

    public static void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/permissions").WithTags("Permissions");
        group.MapPut("/", (HttpContext http, IObjectPermissionStore store, ObjectAccess access) =>
            ChangeAsync(http, access, async grant =>
            {
                await store.GrantAsync(grant, http.RequestAborted);
                return true;
            }))
            .RequireAuthorization(ServerPolicies.Read);
        group.MapDelete("/", (HttpContext http, IObjectPermissionStore store, ObjectAccess access) =>
            ChangeAsync(http, access, grant => store.RevokeAsync(grant, http.RequestAborted)))
            .RequireAuthorization(ServerPolicies.Read);

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
        }).RequireAuthorization(ServerPolicies.Read);

        group.MapGet("/check", async (string permission, string objectId, HttpContext http, IObjectPermissionStore store, CancellationToken ct) =>
        {
            var subjects = CallerSubjects.Of(http.User);
            return Results.Ok(new PermissionCheckResult(await store.HasPermissionAsync(subjects, permission, objectId, ct), subjects));
        }).RequireAuthorization(ServerPolicies.Read);

        group.MapGet("/objects/{objectId}", async (string objectId, IObjectPermissionStore store, CancellationToken ct) =>
        {
            var grants = new List<ObjectPermission>();
            await foreach (var grant in store.ListForObjectAsync(objectId, ct))
            {
                grants.Add(grant);
            }

            return Results.Ok(grants);
        }).RequireAuthorization(ServerPolicies.Read)
            .RequireObjectPermission(AdminPermission, http => http.Request.RouteValues["objectId"] as string);
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, ObjectAccess access, Func<ObjectPermission, Task<bool>> change)
    {
        var (grant, problem) = await GrantRequests.ReadAsync(http);
        if (problem is not null)
        {
            return problem;
        }

        if (!await access.MayAdministerAsync(access.CallerOf(http), grant!.ObjectId, http.RequestAborted))
        {
            return ObjectPermissionFilter.Forbidden(
                $"Granting and revoking on '{grant.ObjectId}' needs the '{AdminPermission}' permission on it or a platform administrator role.");
        }

        return await change(grant) ? Results.NoContent() : Results.NotFound();
    }
}
