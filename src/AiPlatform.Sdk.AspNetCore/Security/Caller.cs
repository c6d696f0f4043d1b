using System.Security.Claims;

namespace AiPlatform.Sdk.AspNetCore.Security;

/// <summary>
/// Who asks, as the permission checks need it: the caller's permission subjects and whether it is a platform administrator.
/// Captured with a job so that work done later on the caller's behalf runs with the caller's identity.
/// </summary>
/// <param name="Subjects">The caller's subjects (<see cref="CallerSubjects"/>).</param>
/// <param name="IsPlatformAdministrator">Whether the caller holds a role of <c>AiPlatform:Server:Authentication:AdminRoles</c>.</param>
internal sealed record Caller(IReadOnlyCollection<string> Subjects, bool IsPlatformAdministrator)
{
    /// <summary>The subject that becomes an object's first administrator when the caller creates it: its user, else its client.</summary>
    public string? Owner => Subjects.FirstOrDefault(s => s.StartsWith("user:", StringComparison.Ordinal))
        ?? Subjects.FirstOrDefault(s => s.StartsWith("client:", StringComparison.Ordinal));

    /// <summary>The caller of a request. With <c>AllowAnonymous</c>, a caller without a token administers everything (development only).</summary>
    public static Caller Of(ClaimsPrincipal user, ServerAuthenticationSettings settings) => new(
        CallerSubjects.Of(user),
        settings.EffectiveAdminRoles.Any(user.IsInRole) || (settings.AllowAnonymous && user.Identity?.IsAuthenticated != true));
}
