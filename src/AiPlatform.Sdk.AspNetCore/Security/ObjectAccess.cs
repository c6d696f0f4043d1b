using AiPlatform.Sdk.Identity.Permissions;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>
/// The host's object-permission rules, in one place for endpoints and for work done later on a caller's behalf (ingest jobs).
/// An object is restricted once it holds a grant other than <c>admin</c>; then only callers holding the permission (or
/// <c>admin</c>) on it pass. Granting and revoking on an object needs <c>admin</c> on it, or a platform administrator role.
/// </summary>
internal sealed class ObjectAccess(IObjectPermissionStore store, IOptions<ServerAuthenticationSettings> settings)
{
    /// <summary>The caller of a request.</summary>
    public Caller CallerOf(HttpContext http) => Caller.Of(http.User, settings.Value);

    /// <summary>Tells whether <paramref name="caller"/> may <paramref name="permission"/> the object: it is not restricted, or the caller holds the permission or <c>admin</c>.</summary>
    public async Task<bool> MayAsync(Caller caller, string permission, string objectId, CancellationToken cancellationToken)
    {
        var restricted = false;
        await foreach (var grant in store.ListForObjectAsync(objectId, cancellationToken).ConfigureAwait(false))
        {
            if (grant.Permission != PermissionEndpoints.AdminPermission)
            {
                restricted = true;
                break;
            }
        }

        return !restricted || await HoldsAsync(caller, permission, objectId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells whether the caller holds <paramref name="permission"/> or <c>admin</c> on the object, restricted or not.</summary>
    public async Task<bool> HoldsAsync(Caller caller, string permission, string objectId, CancellationToken cancellationToken) =>
        await store.HasPermissionAsync(caller.Subjects, permission, objectId, cancellationToken).ConfigureAwait(false) ||
        (permission != PermissionEndpoints.AdminPermission &&
         await store.HasPermissionAsync(caller.Subjects, PermissionEndpoints.AdminPermission, objectId, cancellationToken).ConfigureAwait(false));

    /// <summary>Tells whether the caller may grant, revoke and list permissions on the object.</summary>
    public async Task<bool> MayAdministerAsync(Caller caller, string objectId, CancellationToken cancellationToken) =>
        caller.IsPlatformAdministrator ||
        await store.HasPermissionAsync(caller.Subjects, PermissionEndpoints.AdminPermission, objectId, cancellationToken).ConfigureAwait(false);

    /// <summary>Makes the caller that created an object its administrator (a caller without a subject, anonymous, gets nothing).</summary>
    public async Task ClaimAsync(Caller caller, string objectId, CancellationToken cancellationToken)
    {
        if (caller.Owner is { } owner)
        {
            await store.GrantAsync(new ObjectPermission(owner, PermissionEndpoints.AdminPermission, objectId), cancellationToken).ConfigureAwait(false);
        }
    }
}
