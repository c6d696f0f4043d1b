using System.Security.Claims;
using System.Text.Json;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>
/// Turns the role claims of OpenID providers into <c>role</c> claims: Keycloak's <c>realm_access.roles</c> and
/// <c>resource_access.{client}.roles</c> (for the audience and the configured clients), and plain <c>roles</c> arrays.
/// </summary>
internal static class KeycloakRoleClaims
{
    public const string RoleClaimType = "role";

    public static void AddRoles(ClaimsIdentity identity, IReadOnlyCollection<string> roleClients)
    {
        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in identity.FindAll("realm_access"))
        {
            AddRolesOf(claim.Value, roles);
        }

        foreach (var claim in identity.FindAll("resource_access"))
        {
            using var document = Parse(claim.Value);
            if (document?.RootElement.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var client in document.RootElement.EnumerateObject().Where(c => roleClients.Contains(c.Name)))
            {
                AddRolesOf(client.Value.GetRawText(), roles);
            }
        }

        foreach (var claim in identity.FindAll("roles"))
        {
            roles.Add(claim.Value);
        }

        foreach (var role in roles.Where(r => !identity.HasClaim(RoleClaimType, r)))
        {
            identity.AddClaim(new Claim(RoleClaimType, role));
        }
    }

    private static void AddRolesOf(string json, HashSet<string> roles)
    {
        using var document = Parse(json);
        if (document?.RootElement is { ValueKind: JsonValueKind.Object } root &&
            root.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String))
            {
                roles.Add(role.GetString()!);
            }
        }
    }

    private static JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
