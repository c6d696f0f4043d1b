namespace AiPlatform.Sdk.Identity.Permissions;

/// <summary>
/// Object-level permissions, as Django-Guardian keeps them: grant, revoke and check a permission of a subject on one object,
/// and list what a subject may access. Embedded (a file under <c>AiPlatform:DataPath</c>) by default, PostgreSQL when
/// <c>AiPlatform:Identity:Permissions:ConnectionString</c> is set.
/// </summary>
public interface IObjectPermissionStore
{
    /// <summary>Grants a permission; granting twice is harmless.</summary>
    /// <param name="permission">The grant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the grant is stored.</returns>
    /// <exception cref="ArgumentException">The grant is malformed.</exception>
    Task GrantAsync(ObjectPermission permission, CancellationToken cancellationToken = default);

    /// <summary>Revokes a permission.</summary>
    /// <param name="permission">The grant to remove.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the grant existed.</returns>
    Task<bool> RevokeAsync(ObjectPermission permission, CancellationToken cancellationToken = default);

    /// <summary>Tells whether any of <paramref name="subjects"/> (a caller, its client, its groups) holds <paramref name="permission"/> on the object.</summary>
    /// <param name="subjects">The caller's subjects.</param>
    /// <param name="permission">The permission.</param>
    /// <param name="objectId">The object.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when one of them holds it.</returns>
    Task<bool> HasPermissionAsync(IReadOnlyCollection<string> subjects, string permission, string objectId, CancellationToken cancellationToken = default);

    /// <summary>Lists the grants a subject holds.</summary>
    /// <param name="subject">The subject.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The grants, ordered by object then permission.</returns>
    IAsyncEnumerable<ObjectPermission> ListForSubjectAsync(string subject, CancellationToken cancellationToken = default);

    /// <summary>Lists the grants on an object.</summary>
    /// <param name="objectId">The object.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The grants, ordered by subject then permission.</returns>
    IAsyncEnumerable<ObjectPermission> ListForObjectAsync(string objectId, CancellationToken cancellationToken = default);
}
