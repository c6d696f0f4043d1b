using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AiPlatform.Sdk.Data.Relational;

/// <summary>Registers the PostgreSQL metadata database and its schema migrations.</summary>
public static class DataBuilderPostgresExtensions
{
    /// <summary>
    /// Registers an <see cref="NpgsqlDataSource"/> for platform metadata from <c>AiPlatform:Data:Postgres</c>, applies the registered
    /// <see cref="PostgresMigration"/>s at start-up (idempotently, once per database), and adds the health check <c>aiplatform-postgres</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddPostgres(this DataBuilder data, Action<PostgresSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var platform = data.Platform;
        platform.AddSettings(PostgresSettings.SectionPath, configure);
        platform.Services.TryAddSingleton(sp => new NpgsqlDataSourceBuilder(DataServices.Settings<PostgresSettings>(sp, null).ConnectionString)
            .UseLoggerFactory(sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>())
            .Build());
        platform.AddLayerTelemetry(AiPlatformTelemetry.Data);
        platform.Services.TryAddSingleton(sp => new PostgresMigrator(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetServices<PostgresMigration>(),
            DataServices.Instrumentation<PostgresMigrator>(sp, DataServices.Settings<PostgresSettings>(sp, null), "postgres"),
            DataServices.Logger<PostgresMigrator>(sp)));
        platform.Services.TryAddSingleton<IPostgresMigrator>(sp => sp.GetRequiredService<PostgresMigrator>());
        AddPostgresMigration(data, PostgresMigrator.Documents);
        var settings = DataServices.Snapshot(platform, PostgresSettings.SectionPath, null, configure);
        if (settings.ApplyMigrations)
        {
            platform.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresMigrationService>());
        }

        if (!settings.DisableHealthChecks)
        {
            platform.AddPlatformHealthCheck(DataServices.HealthCheckName("postgres", null),
                sp => new ProbeHealthCheck(new PostgresHealthProbe(sp.GetRequiredService<NpgsqlDataSource>()), "PostgreSQL metadata"));
        }

        return data;
    }

    /// <summary>Adds a schema migration to the metadata database; migrations run in the order they are added, each once.</summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="migration">The migration.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddPostgresMigration(this DataBuilder data, PostgresMigration migration)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(migration);
        if (!data.Services.Any(d => d.ServiceType == typeof(PostgresMigration) && Equals(d.ImplementationInstance, migration)))
        {
            data.Services.AddSingleton(migration);
        }
        return data;
    }
}
