using AiPlatform.Sdk.Configuration;
using AiPlatform.Sdk.Registration;
using AiPlatform.Sdk.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk;

/// <summary>
/// Chains the registration of AiPlatform layers (<c>.AddVector()</c>, <c>.AddServing()</c>, ...) onto one service collection.
/// Obtained from <c>AddAiPlatformCore</c> or the umbrella package's <c>AddAiPlatform</c>; calling either twice returns the same builder.
/// </summary>
public sealed class AiPlatformBuilder
{
    /// <summary>The root configuration section of the platform: <c>AiPlatform</c>.</summary>
    public const string SectionName = "AiPlatform";

    private const string EndpointKey = "Endpoint";
    private const string ConnectionStringKey = "ConnectionString";

    private readonly HashSet<(Type Type, string Name)> _registered = [];

    internal AiPlatformBuilder(IServiceCollection services, IConfiguration configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    /// <summary>The service collection the layers register into.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The application's root configuration (not only the <c>AiPlatform</c> section).</summary>
    public IConfiguration Configuration { get; }

    /// <summary>Returns the section at <c>AiPlatform:{relativePath}</c>, which may not exist.</summary>
    /// <param name="relativePath">A path below <c>AiPlatform</c>, such as <c>Serving:Inference</c>.</param>
    public IConfigurationSection GetSection(string relativePath) =>
        Configuration.GetSection(SettingsPath.Of(relativePath));

    /// <summary>
    /// The switch rule: a part is remote when its <c>Endpoint</c> or <c>ConnectionString</c> under <c>AiPlatform:{relativePath}</c> is
    /// set, and only then. Tuning keys never switch a part on. Layers use it to choose between their embedded default and a remote system.
    /// </summary>
    /// <param name="relativePath">A path below <c>AiPlatform</c>, such as <c>Data:ObjectStore</c>.</param>
    /// <returns><see langword="true"/> when the part's endpoint or connection string is configured.</returns>
    public bool IsRemote(string relativePath)
    {
        var section = GetSection(relativePath);
        return !string.IsNullOrWhiteSpace(section[EndpointKey]) || !string.IsNullOrWhiteSpace(section[ConnectionStringKey]);
    }

    /// <summary>
    /// Binds <typeparamref name="TSettings"/> from <c>AiPlatform:{relativePath}</c> (then <c>AiPlatform:{relativePath}:{name}</c> for a named
    /// instance), applies <paramref name="configure"/> last, and validates the result at start-up with messages that name the configuration key.
    /// Binding the same settings (type and name) again only adds <paramref name="configure"/>, so a layer may be added more than once.
    /// </summary>
    /// <typeparam name="TSettings">The settings class; its data annotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> are checked.</typeparam>
    /// <param name="relativePath">A path below <c>AiPlatform</c>, such as <c>Vector</c> or <c>Serving:Inference</c>.</param>
    /// <param name="configure">Code-first changes applied after configuration, so code wins.</param>
    /// <param name="name">The options name of a keyed instance; its sub-section overrides the shared one.</param>
    /// <returns>The options builder, for further validation.</returns>
    public OptionsBuilder<TSettings> AddSettings<TSettings>(string relativePath, Action<TSettings>? configure = null, string? name = null)
        where TSettings : class
    {
        var optionsName = name ?? Options.DefaultName;
        if (!FirstTime(typeof(TSettings), optionsName))
        {
            var again = Services.AddOptions<TSettings>(optionsName);
            return configure is null ? again : again.Configure(configure);
        }

        var path = SettingsPath.Of(relativePath);
        var options = Services.AddOptions<TSettings>(optionsName).Bind(Configuration.GetSection(path));
        if (name is not null)
        {
            path = ConfigurationPath.Combine(path, name);
            options.Bind(Configuration.GetSection(path));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        Services.AddSingleton<IValidateOptions<TSettings>>(new ConfigurationKeyValidator<TSettings>(optionsName, path));
        return options.ValidateOnStart();
    }

    /// <summary>
    /// The one registration primitive of every SDK client. It binds the client's settings once (section, keyed sub-section, then
    /// <paramref name="configure"/>) and validates them at start-up; registers the layer's telemetry, the client's transport and the
    /// client itself as a singleton (keyed by <paramref name="key"/> when set); and adds its readiness check
    /// <c>aiplatform-{part}[-{key}]</c> unless its settings say <c>DisableHealthChecks</c>. Registering the same client and key
    /// again only adds <paramref name="configure"/>.
    /// </summary>
    /// <typeparam name="TService">The client's public service type.</typeparam>
    /// <typeparam name="TSettings">The client's settings.</typeparam>
    /// <param name="client">What the client is and how it is built.</param>
    /// <param name="key">The key of a keyed client (also its configuration sub-section), or <see langword="null"/> for the default one.</param>
    /// <param name="configure">Code-first settings, applied after configuration.</param>
    /// <returns>The same builder.</returns>
    public AiPlatformBuilder AddClient<TService, TSettings>(
        ClientRegistration<TService, TSettings> client, string? key = null, Action<TSettings>? configure = null)
        where TService : class
        where TSettings : AiPlatformClientSettings
    {
        ArgumentNullException.ThrowIfNull(client);
        if (key is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(key);
        }

        var name = new ClientName(client.Part, key);
        AddSettings(client.SectionPath, configure, key);
        if (!FirstTime(typeof(TService), "client:" + name.OptionsName))
        {
            return this;
        }

        this.AddLayerTelemetry(client.Layer);
        client.Transport?.Invoke(this, name);
        TService Create(IServiceProvider sp) => client.Create(new ClientContext<TSettings>(sp, name, client.Layer));
        if (key is null)
        {
            Services.AddSingleton(Create);
        }
        else
        {
            Services.AddKeyedSingleton(key, (sp, _) => Create(sp));
        }

        if (client.HealthCheck is { } check)
        {
            AddHealthCheck(client.HealthCheckName(key), name, client.Layer, check);
        }

        return this;
    }

    /// <summary>Resolves the client that <see cref="AddClient{TService, TSettings}"/> registered under <paramref name="key"/>.</summary>
    /// <typeparam name="TService">The client's public service type.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="key">The key of a keyed client, or <see langword="null"/> for the default one.</param>
    /// <returns>The client.</returns>
    public static TService GetClient<TService>(IServiceProvider services, string? key)
        where TService : notnull =>
        key is null ? services.GetRequiredService<TService>() : services.GetRequiredKeyedService<TService>(key);

    // The one idempotence mechanism: what this builder registered, by type and name.
    private bool FirstTime(Type type, string name) => _registered.Add((type, name));

    // Decided from the bound settings when health checks are first resolved, so settings are read one way only.
    private void AddHealthCheck<TService, TSettings>(
        string checkName, ClientName name, string layer, Func<TService, ClientContext<TSettings>, IHealthCheck> check)
        where TService : class
        where TSettings : AiPlatformClientSettings
    {
        Services.AddHealthChecks();
        Services.AddOptions<HealthCheckServiceOptions>().Configure<IOptionsMonitor<TSettings>>((options, settings) =>
        {
            if (!settings.Get(name.OptionsName).DisableHealthChecks && options.Registrations.All(r => r.Name != checkName))
            {
                options.Registrations.Add(new HealthCheckRegistration(
                    checkName, sp => new ClientHealthCheck(() => check(GetClient<TService>(sp, name.Key), new ClientContext<TSettings>(sp, name, layer))), HealthStatus.Unhealthy,
                    [AiPlatformBuilderTelemetryExtensions.ReadyTag], TimeSpan.FromSeconds(5)));
            }
        });
    }
}
