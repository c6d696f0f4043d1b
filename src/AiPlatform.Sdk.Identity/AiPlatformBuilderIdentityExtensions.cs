using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Http;
using AiPlatform.Sdk.Identity;
using AiPlatform.Sdk.Identity.Permissions;
using AiPlatform.Sdk.Identity.Policies;
using AiPlatform.Sdk.Identity.Secrets;
using AiPlatform.Sdk.Identity.Tokens;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiPlatform.Sdk;

/// <summary>Registers the Identity layer: tokens for every SDK client, OPA decisions, Vault secrets and object-level permissions.</summary>
public static class AiPlatformBuilderIdentityExtensions
{
    private const string Section = "Identity";

    private static readonly ClientRegistration<IPolicyClient, OpaSettings> Opa = new()
    {
        Part = "opa",
        SectionPath = $"{Section}:Opa",
        Layer = AiPlatformTelemetry.Identity,
        Transport = static (platform, name) =>
            platform.AddPlatformHttpClient<OpaSettings>(name.ToString(), name.Key, o => o.RetryNonIdempotentRequests = true),
        Create = static context => new OpaClient(
            context.Services.GetRequiredService<IHttpClientFactory>(), context.Name.ToString(), context.Logger<OpaClient>()),
        HealthCheck = static (_, context) => new OpaHealthCheck(context.Services.GetRequiredService<IHttpClientFactory>(), context.Name.ToString()),
    };

    private static readonly ClientRegistration<ISecretStore, VaultSettings> Vault = new()
    {
        Part = "vault",
        SectionPath = $"{Section}:Vault",
        Layer = AiPlatformTelemetry.Identity,
        Transport = static (platform, name) => platform.AddPlatformHttpClient<VaultSettings>(name.ToString(), name.Key),
        Create = static context => new VaultSecretStore(
            () => context.Services.GetRequiredService<IHttpClientFactory>().CreateClient(context.Name.ToString()),
            context.Settings, context.Time, context.Logger<ISecretStore>()),
        HealthCheck = static (_, context) => new VaultHealthCheck(context.Services.GetRequiredService<IHttpClientFactory>(), context.Name.ToString()),
    };

    private static readonly ClientRegistration<IObjectPermissionStore, ObjectPermissionSettings> Permissions = new()
    {
        Part = "permissions",
        SectionPath = $"{Section}:Permissions",
        Layer = AiPlatformTelemetry.Identity,
        Create = static context => string.IsNullOrEmpty(context.Settings.ConnectionString)
            ? new FileObjectPermissionStore(Path.Combine(context.DataPath, "identity", "permissions.json"))
            : new PostgresObjectPermissionStore(NpgsqlDataSource.Create(context.Settings.ConnectionString), context.Settings.TableName),
    };

    private static readonly ClientRegistration<IAccessTokenProvider, IdentitySettings> ClientCredentials = new()
    {
        Part = "identity",
        SectionPath = Section,
        Layer = AiPlatformTelemetry.Identity,
        Transport = AddTokenEndpoint,
        Create = static context => context.Name.Key is null
            ? ActivatorUtilities.CreateInstance<ClientCredentialsTokenProvider>(context.Services)
            : new ClientCredentialsTokenProvider(
                ActivatorUtilities.CreateInstance<OidcTokenEndpoint>(context.Services, context.Name.Key),
                context.Services.GetRequiredService<IOptionsMonitor<IdentitySettings>>(), context.Time, context.Name.Key),
        HealthCheck = static (provider, _) => new TokenProviderHealthCheck((ClientCredentialsTokenProvider)provider),
    };

    /// <summary>
    /// Binds <see cref="IdentitySettings"/> from <c>AiPlatform:Identity</c> and registers <see cref="IObjectPermissionStore"/>. By the
    /// switch rule it adds the OIDC client-credentials <see cref="IAccessTokenProvider"/> (so every SDK HTTP and gRPC client sends its
    /// token) and <see cref="ITokenExchangeClient"/> when <c>Authority</c> (Identity's endpoint, by its OpenID Connect name) or
    /// <c>TokenEndpoint</c> is set together with the <c>ClientId</c> it signs in as (a host that only validates tokens sets no client id); <see cref="IPolicyClient"/> when <c>Opa:Endpoint</c> is set; and <see cref="ISecretStore"/> when
    /// <c>Vault:Endpoint</c> is set. Calling it again only applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddIdentity(this AiPlatformBuilder builder, Action<IdentitySettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings(Section, configure);
        builder.AddLayerTelemetry(AiPlatformTelemetry.Identity);
        builder.AddObjectPermissions();
        if (builder.IsRemote($"{Section}:Opa"))
        {
            builder.AddPolicyClient();
        }

        if (builder.IsRemote($"{Section}:Vault"))
        {
            builder.AddSecretStore();
        }

        var identity = builder.GetSection(Section);
        var endpoint = identity[nameof(IdentitySettings.Authority)] ?? identity[nameof(IdentitySettings.TokenEndpoint)];
        if (!string.IsNullOrWhiteSpace(endpoint) && !string.IsNullOrWhiteSpace(identity[nameof(IdentitySettings.ClientId)]))
        {
            builder.AddClientCredentials();
        }

        return builder;
    }

    /// <summary>
    /// Registers the OIDC client-credentials <see cref="IAccessTokenProvider"/> and <see cref="ITokenExchangeClient"/> from
    /// <c>AiPlatform:Identity</c> (<c>Authority</c> or <c>TokenEndpoint</c>, <c>ClientId</c>, <c>ClientSecret</c>), with the readiness
    /// check <c>aiplatform-identity</c>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddClientCredentials(this AiPlatformBuilder builder, Action<IdentitySettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddClient(ClientCredentials, null, configure);
        builder.Services.TryAddSingleton<ITokenExchangeClient, TokenExchangeClient>();
        return builder;
    }

    /// <summary>
    /// Registers a second OIDC client-credentials identity: a keyed <see cref="IAccessTokenProvider"/> bound to <c>AiPlatform:Identity</c>
    /// overridden by its <c>:{key}</c> sub-section (its own <c>ClientId</c> and <c>ClientSecret</c>, say), with the readiness check
    /// <c>aiplatform-identity-{key}</c>. An SDK client whose HTTP client is named <paramref name="key"/> (its part, such as
    /// <c>weaviate</c> or <c>tracking</c>) sends this identity's tokens instead of the default one's.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section; the name of the client that uses it.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedClientCredentials(this AiPlatformBuilder builder, string key, Action<IdentitySettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return builder.AddClient(ClientCredentials, key, configure);
    }

    /// <summary>Registers the Open Policy Agent client <see cref="IPolicyClient"/> from <c>AiPlatform:Identity:Opa</c>, with the readiness check <c>aiplatform-opa</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddPolicyClient(this AiPlatformBuilder builder, Action<OpaSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(Opa, null, configure);
    }

    /// <summary>
    /// Registers a keyed <see cref="IPolicyClient"/> bound to <c>AiPlatform:Identity:Opa</c> overridden by <c>AiPlatform:Identity:Opa:{key}</c>,
    /// with the readiness check <c>aiplatform-opa-{key}</c>.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedPolicyClient(this AiPlatformBuilder builder, string key, Action<OpaSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return builder.AddClient(Opa, key, configure);
    }

    /// <summary>
    /// Registers the HashiCorp Vault KV version 2 client <see cref="ISecretStore"/> from <c>AiPlatform:Identity:Vault</c>, with the
    /// readiness check <c>aiplatform-vault</c>. Its calls carry Vault's own token (never the platform's bearer token) and go through the
    /// platform's resilience pipeline.
    /// </summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddSecretStore(this AiPlatformBuilder builder, Action<VaultSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddClient(Vault, null, VaultOwnToken(configure));
    }

    /// <summary>Registers a keyed <see cref="ISecretStore"/> bound to <c>AiPlatform:Identity:Vault</c> overridden by <c>AiPlatform:Identity:Vault:{key}</c>.</summary>
    /// <param name="builder">The platform builder.</param>
    /// <param name="key">The service key and configuration sub-section.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public static AiPlatformBuilder AddKeyedSecretStore(this AiPlatformBuilder builder, string key, Action<VaultSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(key);
        return builder.AddClient(Vault, key, VaultOwnToken(configure));
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
        return builder.AddClient(Permissions, null, configure);
    }

    private static Action<VaultSettings> VaultOwnToken(Action<VaultSettings>? configure) => s =>
    {
        configure?.Invoke(s);
        s.Authenticate = false;
    };

    private static void AddTokenEndpoint(AiPlatformBuilder builder, ClientName name)
    {
        builder.Services.AddOptions<TokenEndpointClientSettings>(name.OptionsName).Configure<IOptionsMonitor<IdentitySettings>>((client, monitor) =>
        {
            var identity = monitor.Get(name.OptionsName);
            client.Endpoint = identity.Authority ?? identity.TokenEndpoint;
            client.Authenticate = false;
            client.DisableTracing = identity.DisableTracing;
            client.DisableMetrics = identity.DisableMetrics;
        });
        builder.AddPlatformHttpClient<TokenEndpointClientSettings>(
            OidcTokenEndpoint.HttpClientNameOf(name.Key), name.Key, o => o.RetryNonIdempotentRequests = true);
        builder.Services.TryAddSingleton<OidcTokenEndpoint>();
    }
}
