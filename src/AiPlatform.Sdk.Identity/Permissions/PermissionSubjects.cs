namespace AiPlatform.Sdk.Identity.Permissions;

/// <summary>Builds the typed subject strings that permissions are granted to.</summary>
public static class PermissionSubjects
{
    /// <summary>A user, by the token's <c>sub</c>.</summary>
    /// <param name="id">The user id.</param>
    /// <returns><c>user:{id}</c>.</returns>
    public static string User(string id) => $"user:{id}";

    /// <summary>An OAuth client (a service account), by its client id.</summary>
    /// <param name="clientId">The client id.</param>
    /// <returns><c>client:{clientId}</c>.</returns>
    public static string Client(string clientId) => $"client:{clientId}";

    /// <summary>A group or role.</summary>
    /// <param name="name">The group's name.</param>
    /// <returns><c>group:{name}</c>.</returns>
    public static string Group(string name) => $"group:{name}";
}
