using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Relational;

/// <summary>Settings of the platform's PostgreSQL metadata database, bound from <c>AiPlatform:Data:Postgres</c>.</summary>
public sealed class PostgresSettings : AiPlatformClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "Data:Postgres";

    /// <summary>The Npgsql connection string, such as <c>Host=db;Database=aiplatform;Username=app;Password=...</c>.</summary>
    [Required(AllowEmptyStrings = false)]
    public string? ConnectionString { get; set; }

    /// <summary>Whether registered schema migrations are applied at start-up. Default <see langword="true"/>.</summary>
    public bool ApplyMigrations { get; set; } = true;
}
