using AiPlatform.Sdk.Data.Diagnostics;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiPlatform.Sdk.Data.Relational;

/// <summary>Registers the PostgreSQL metadata database and its schema migrations.</summary>
public static class DataBuilderPostgresExtensions
{
    private static readonly ClientRegistration<PostgresMetadata, PostgresSettings> Client = new()
    {
        Part = "postgres",
        SectionPath = PostgresSettings.SectionPath,
        Layer = AiPlatformTelemetry.Data,
        Create = Create,
        HealthCheck = static (metadata, _) => new ProbeHealthCheck(new PostgresHealthProbe(metadata.DataSource), "PostgreSQL metadata"),
    };

    /// <summary>
    /// Registers an <see cref="NpgsqlDataSource"/> for platform metadata from <c>AiPlatform:Data:Postgres</c>, applies the registered
    /// <see cref="PostgresMigration"/>s at start-up (idempotently, once per database; unless <c>ApplyMigrations</c> is off), and adds
    /// the health check <c>aiplatform-postgres</c>.
    /// </summary>
    /// <param name="data">The Data builder.</param>
    /// <param name="configure">Code-first settings, applied last.</param>
    /// <returns>The same builder.</returns>
    public static DataBuilder AddPostgres(this DataBuilder data, Action<PostgresSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.Platform.AddClient(Client, null, configure);
        data.Services.TryAddSingleton(sp => sp.GetRequiredService<PostgresMetadata>().DataSource);
        data.Services.TryAddSingleton(sp => sp.GetRequiredService<PostgresMetadata>().Migrator);
        data.Services.TryAddSingleton<IPostgresMigrator>(sp => sp.GetRequiredService<PostgresMetadata>().Migrator);
        data.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgresMigrationService>());
        return data.AddPostgresMigration(PostgresMigrator.Documents);
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

    private static PostgresMetadata Create(ClientContext<PostgresSettings> context)
    {
        var dataSource = new NpgsqlDataSourceBuilder(context.Settings.ConnectionString)
            .UseLoggerFactory(context.Services.GetService<ILoggerFactory>())
            .Build();
        var migrator = new PostgresMigrator(dataSource, context.Services.GetServices<PostgresMigration>(),
            context.Instrumentation<PostgresMigrator>("postgres"), context.Logger<PostgresMigrator>());
        return new PostgresMetadata(dataSource, migrator);
    }
}
