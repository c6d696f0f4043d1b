using AiPlatform.Sdk.Identity.Permissions;

namespace AiPlatform.ReferenceHost.Features.Security;

/// <summary>Guards endpoints with object-level permissions: the caller (its user, client or one of its groups) must hold a permission on the addressed object.</summary>
internal static class ObjectPermissionFilter
{
    /// <summary>
    /// Answers 403 unless the caller holds <paramref name="permission"/> on the object that <paramref name="objectId"/> names for
    /// the request, such as <c>http => $"collection:{http.Request.RouteValues["name"]}"</c>.
    /// </summary>
    public static TBuilder RequireObjectPermission<TBuilder>(this TBuilder builder, string permission, Func<HttpContext, string?> objectId)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var target = objectId(http);
            var store = http.RequestServices.GetRequiredService<IObjectPermissionStore>();
            if (target is null || !await store.HasPermissionAsync(CallerSubjects.Of(http.User), permission, target, http.RequestAborted))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Missing object permission",
                    detail: $"The caller lacks the '{permission}' permission on '{target}'.");
            }

            return await next(context);
        });

    /// <summary>
    /// Object-level permissions on top of the role policies, as Django-Guardian does: an object nobody has been granted anything on
    /// is governed by the role policies alone; once an object has grants (its owner restricted it), only callers holding
    /// <paramref name="permission"/> on it pass, and others get 403.
    /// </summary>
    public static TBuilder RequireObjectPermissionWhenRestricted<TBuilder>(
        this TBuilder builder, string permission, Func<HttpContext, string?> objectId)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var target = objectId(http);
            var store = http.RequestServices.GetRequiredService<IObjectPermissionStore>();
            if (target is not null && await IsRestrictedAsync(store, target, http.RequestAborted) &&
                !await store.HasPermissionAsync(CallerSubjects.Of(http.User), permission, target, http.RequestAborted))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Missing object permission",
                    detail: $"'{target}' is restricted and the caller lacks the '{permission}' permission on it.");
            }

            return await next(context);
        });

    private static async Task<bool> IsRestrictedAsync(IObjectPermissionStore store, string objectId, CancellationToken cancellationToken)
    {
        await foreach (var _ in store.ListForObjectAsync(objectId, cancellationToken))
        {
            return true;
        }

        return false;
    }
}
