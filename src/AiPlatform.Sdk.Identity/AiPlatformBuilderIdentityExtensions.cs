using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Identity;
using AiPlatform.Sdk.Identity.Permissions;
using AiPlatform.Sdk.Identity.Policies;
using AiPlatform.Sdk.Identity.Secrets;
using AiPlatform.Sdk.Identity.Tokens;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiPlatform.Sdk;

/// <summary>Registers the Identity layer: tokens for every SDK client, OPA decisions and object-level permissions.</summary>
public static class AiPlatformBuilderIdentityExtensions
{
    private const string Section = "Identity";

    /// <summary>
    /// Binds <see cref="IdentityOptions"/> from <c>AiPlatform:Identity</c>. With an authority and a client id it registers the
    /// OIDC client-credentials <see cref="IAccessTokenProvider"/> (so every SDK HTTP and gRPC client sends its token) and
    /// <see cref="ITokenExchangeClient"/>; with <c>AiPlatform:Identity:Opa</c> it registers <see cref="IPolicyClient"/>; it always
    /// registers <see cref="IObjectPermissionStore"/> (embedded unless <c>AiPlatform:Identity:Permissions:ConnectionString</c> is set).
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddIdentity(this AiPlatformBuilder builder, Action<IdentityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(IdentityMarker)))
        {
            if (configure is not null)
            {
                services.Configure(configure);
            }
        }
        else
        {
            services.AddSingleton<IdentityMarker>();
            builder.AddSettings(Section, configure);
            builder.AddLayerTelemetry(AiPlatformTelemetry.Identity);
            services.TryAddSingleton(TimeProvider.System);
            builder.AddObjectPermissions();
            if (builder.IsConfigured($"{Section}:Opa"))
            {
                builder.AddPolicyClient();
            }

            if (builder.IsConfigured($"{Section}:Vault"))
            {
                builder.AddSecretStore();
            }
        }

        if (UsesClientCredentials(builder, configure) && !services.Any(d => d.ServiceType == typeof(ClientCredentialsTokenProvider)))
        {
            AddClientCredentials(builder);
        }

        return builder;
    }

    /// <summary>Registers the Open Policy Agent client <see cref="IPolicyClient"/> from <c>AiPlatform:Identity:Opa</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddPolicyClient(this AiPlatformBuilder builder, Action<OpaSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings($"{Section}:Opa", configure);
        builder.AddPlatformHttpClient<OpaSettings>(OpaClient.HttpClientName, configure: o => o.RetryNonIdempotentRequests = true);
        builder.Services.TryAddSingleton<IPolicyClient, OpaClient>();
        var probe = new OpaSettings();
        builder.GetSection($"{Section}:Opa").Bind(probe);
        configure?.Invoke(probe);
        if (!probe.DisableHealthChecks)
        {
            builder.AddPlatformHealthCheck("aiplatform-opa", sp => new OpaHealthCheck(sp.GetRequiredService<IHttpClientFactory>()));
        }

        return builder;
    }

    /// <summary>
    /// Registers the HashiCorp Vault KV version 2 client <see cref="ISecretStore"/> from <c>AiPlatform:Identity:Vault</c>. Its calls
    /// carry Vault's own token (never the platform's bearer token) and go through the platform's resilience pipeline.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddSecretStore(this AiPlatformBuilder builder, Action<VaultSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<VaultSettings>($"{Section}:Vault", s =>
        {
            configure?.Invoke(s);
            s.Authenticate = false;
        });
        builder.AddPlatformHttpClient<VaultSettings>(VaultSecretStore.HttpClientName);
        builder.Services.TryAddSingleton<ISecretStore>(sp => new VaultSecretStore(
            () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(VaultSecretStore.HttpClientName),
            sp.GetRequiredService<IOptions<VaultSettings>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ISecretStore>()));
        var probe = new VaultSettings();
        builder.GetSection($"{Section}:Vault").Bind(probe);
        configure?.Invoke(probe);
        if (!probe.DisableHealthChecks)
        {
            builder.AddPlatformHealthCheck("aiplatform-vault", sp => new VaultHealthCheck(sp.GetRequiredService<IHttpClientFactory>()));
        }

        return builder;
    }

    /// <summary>
    /// Registers <see cref="IObjectPermissionStore"/>: PostgreSQL when <c>AiPlatform:Identity:Permissions:ConnectionString</c> is
    /// set, else a file under <c>{AiPlatform:DataPath}/identity</c>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddObjectPermissions(this AiPlatformBuilder builder, Action<ObjectPermissionSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings($"{Section}:Permissions", configure);
        builder.Services.TryAddSingleton<IObjectPermissionStore>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<ObjectPermissionSettings>>().Value;
            if (!string.IsNullOrEmpty(settings.ConnectionString))
            {
                return new PostgresObjectPermissionStore(NpgsqlDataSource.Create(settings.ConnectionString), settings.TableName);
            }

            var dataPath = sp.GetRequiredService<IOptions<AiPlatformOptions>>().Value.DataPath;
            return new FileObjectPermissionStore(Path.Combine(dataPath, "identity", "permissions.json"));
        });
        return builder;
    }

    private static void AddClientCredentials(AiPlatformBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TokenEndpointClientSettings>().Configure<IOptions<IdentityOptions>>((client, identity) =>
        {
            client.Endpoint = identity.Value.Authority ?? identity.Value.TokenEndpoint;
            client.Authenticate = false;
        });
        builder.AddPlatformHttpClient<TokenEndpointClientSettings>(
            OidcTokenEndpoint.HttpClientName, configure: o => o.RetryNonIdempotentRequests = true);
        services.TryAddSingleton<OidcTokenEndpoint>();
        services.AddSingleton<ClientCredentialsTokenProvider>();
        services.AddSingleton<IAccessTokenProvider>(sp => sp.GetRequiredService<ClientCredentialsTokenProvider>());
        services.TryAddSingleton<ITokenExchangeClient, TokenExchangeClient>();
        builder.AddPlatformHealthCheck("aiplatform-identity", sp => new TokenProviderHealthCheck(
            sp.GetRequiredService<ClientCredentialsTokenProvider>()));
    }

    private static bool UsesClientCredentials(AiPlatformBuilder builder, Action<IdentityOptions>? configure)
    {
        var probe = new IdentityOptions();
        builder.GetSection(Section).Bind(probe);
        configure?.Invoke(probe);
        return (probe.Authority is not null || probe.TokenEndpoint is not null) && !string.IsNullOrWhiteSpace(probe.ClientId);
    }

    private sealed class IdentityMarker;
}
