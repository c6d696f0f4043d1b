using Npgsql;

namespace AiPlatform.Sdk.Data.Relational;

/// <summary>The registered metadata database: its data source and the migrator of its schema.</summary>
internal sealed record PostgresMetadata(NpgsqlDataSource DataSource, PostgresMigrator Migrator);
