namespace AiPlatform.Sdk.Identity.Permissions;

/// <summary>
/// One grant: <paramref name="Subject"/> may <paramref name="Permission"/> the object <paramref name="ObjectId"/>.
/// Subjects are typed strings (<c>user:alice</c>, <c>client:orders-app</c>, <c>group:analysts</c>); objects likewise
/// (<c>collection:products</c>, <c>dataset:42</c>).
/// </summary>
/// <param name="Subject">Who holds the permission.</param>
/// <param name="Permission">What they may do, such as <c>read</c>, <c>write</c> or <c>admin</c>.</param>
/// <param name="ObjectId">On what.</param>
public sealed record ObjectPermission(string Subject, string Permission, string ObjectId)
{
    /// <summary>Throws when a part is empty or a subject or object lacks its <c>type:</c> prefix.</summary>
    /// <exception cref="ArgumentException">The grant is malformed.</exception>
    public void Validate()
    {
        RequireTyped(Subject, nameof(Subject));
        ArgumentException.ThrowIfNullOrWhiteSpace(Permission);
        RequireTyped(ObjectId, nameof(ObjectId));
    }

    private static void RequireTyped(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == value.Length - 1)
        {
            throw new ArgumentException($"'{value}' must have the form type:id, such as user:alice or collection:products.", name);
        }
    }
}
