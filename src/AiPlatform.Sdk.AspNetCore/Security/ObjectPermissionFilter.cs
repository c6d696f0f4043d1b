namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>Guards endpoints with object-level permissions: the caller (its user, client or one of its groups) must hold a permission on the addressed object.</summary>
internal static class ObjectPermissionFilter
{
    /// <summary>
    /// Answers 403 unless the caller holds <paramref name="permission"/> (or <c>admin</c>) on the object that
    /// <paramref name="objectId"/> names for the request, such as <c>http => $"collection:{http.Request.RouteValues["name"]}"</c>.
    /// </summary>
    public static TBuilder RequireObjectPermission<TBuilder>(this TBuilder builder, string permission, Func<HttpContext, string?> objectId)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var target = objectId(http);
            var access = http.RequestServices.GetRequiredService<ObjectAccess>();
            var caller = access.CallerOf(http);
            var allowed = target is not null && (permission == PermissionEndpoints.AdminPermission
                ? await access.MayAdministerAsync(caller, target, http.RequestAborted)
                : await access.HoldsAsync(caller, permission, target, http.RequestAborted));
            return allowed ? await next(context) : Forbidden($"The caller lacks the '{permission}' permission on '{target}'.");
        });

    /// <summary>
    /// Object-level permissions on top of the role policies, as Django-Guardian does: an object nobody has been granted anything
    /// but <c>admin</c> on is governed by the role policies alone; once an object has other grants (its owner restricted it), only
    /// callers holding <paramref name="permission"/> or <c>admin</c> on it pass, and others get 403.
    /// </summary>
    public static TBuilder RequireObjectPermissionWhenRestricted<TBuilder>(
        this TBuilder builder, string permission, Func<HttpContext, string?> objectId)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var target = objectId(http);
            var access = http.RequestServices.GetRequiredService<ObjectAccess>();
            return target is not null && !await access.MayAsync(access.CallerOf(http), permission, target, http.RequestAborted)
                ? Forbidden($"'{target}' is restricted and the caller lacks the '{permission}' permission on it.")
                : await next(context);
        });

    /// <summary>The 403 problem of a missing object permission.</summary>
    public static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Missing object permission", detail: detail);
}
