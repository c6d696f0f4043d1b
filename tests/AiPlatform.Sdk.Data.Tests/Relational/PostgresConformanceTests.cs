using AiPlatform.Sdk.Data.Relational;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Data.Tests.Relational;

/// <summary>The metadata database's conformance, exercised through its migrator (the part that emits the layer's telemetry).</summary>
public sealed class PostgresConformanceTests : ConformanceTests<IPostgresMigrator, PostgresSettings>
{
    protected override string SettingsPath => PostgresSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Data;


    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } = new Dictionary<string, string?>
    {
        ["ConnectionString"] = "Host=127.0.0.1;Port=9;Timeout=1",
    };

    protected override (string Key, string Value, Func<PostgresSettings, string?> Read) SampleSetting =>
        ("ApplyMigrations", "False", s => s.ApplyMigrations.ToString());

    protected override void Register(AiPlatformBuilder builder, string? key, Action<PostgresSettings>? configure) =>
        builder.AddData(o => o.Postgres = configure);

    protected override string HealthCheckName(string? key) => "aiplatform-postgres";

    protected override Task ExerciseAsync(IPostgresMigrator service) => service.EnsureAppliedAsync();
}
