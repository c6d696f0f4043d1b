namespace AiPlatform.Sdk.Data.Relational;

/// <summary>
/// One schema change of the metadata database, applied once (recorded in <c>aiplatform_schema_migrations</c>) and in registration order.
/// Write it idempotently (<c>create table if not exists</c>) so that a database created by hand accepts it too.
/// </summary>
/// <param name="Id">A unique, stable id such as <c>0001-documents</c>.</param>
/// <param name="Sql">The SQL to run, in the same transaction as its record.</param>
public sealed record PostgresMigration(string Id, string Sql);
