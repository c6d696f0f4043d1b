using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Identity.Permissions;

/// <summary>Where object-level permissions are kept, bound from <c>AiPlatform:Identity:Permissions</c>.</summary>
public sealed class ObjectPermissionSettings : AiPlatformClientSettings
{
    /// <summary>A PostgreSQL connection string; when empty, permissions live in a file under <c>AiPlatform:DataPath</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The PostgreSQL table, created when missing; default <c>aiplatform_object_permissions</c>.</summary>
    [RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,62}$", ErrorMessage = "must be a plain SQL identifier.")]
    public string TableName { get; set; } = "aiplatform_object_permissions";

    /// <summary>Describes the settings without the connection string, which may hold a password.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() =>
        $"ObjectPermissionSettings(Store={(string.IsNullOrEmpty(ConnectionString) ? "embedded" : "postgresql")}, TableName={TableName})";
}
