using System.Security.Claims;
using AiPlatform.Sdk.Identity.Permissions;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>The permission subjects of a caller: <c>user:{sub}</c>, <c>client:{azp or client_id}</c> and <c>group:{role}</c> for each role or group.</summary>
internal static class CallerSubjects
{
    public static IReadOnlyCollection<string> Of(ClaimsPrincipal user)
    {
        var subjects = new List<string>();
        if (user.FindFirst("sub")?.Value is { Length: > 0 } sub)
        {
            subjects.Add(PermissionSubjects.User(sub));
        }

        if ((user.FindFirst("azp") ?? user.FindFirst("client_id"))?.Value is { Length: > 0 } client)
        {
            subjects.Add(PermissionSubjects.Client(client));
        }

        subjects.AddRange(user.FindAll(KeycloakRoleClaims.RoleClaimType).Concat(user.FindAll("groups"))
            .Select(c => PermissionSubjects.Group(c.Value.TrimStart('/'))));
        return subjects;
    }
}
