using AiPlatform.Sdk.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
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

    private readonly HashSet<(Type Settings, string Name)> _boundSettings = [];

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

    /// <summary>Tells whether <c>AiPlatform:{relativePath}</c> holds any value, which is how a remote system is switched on.</summary>
    /// <param name="relativePath">A path below <c>AiPlatform</c>, such as <c>Data:ObjectStore</c>.</param>
    public bool IsConfigured(string relativePath) => GetSection(relativePath).Exists();

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
        if (!_boundSettings.Add((typeof(TSettings), optionsName)))
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
    /// Registers a client as a singleton: the default one when <paramref name="key"/> is <see langword="null"/>, otherwise keyed by
    /// <paramref name="key"/>. A second registration of the same key is ignored, so a layer may be added more than once.
    /// </summary>
    /// <typeparam name="TService">The client's public service type.</typeparam>
    /// <param name="key">The key of a keyed client, or <see langword="null"/>.</param>
    /// <param name="factory">Creates the client.</param>
    /// <returns>The same builder.</returns>
    public AiPlatformBuilder AddClient<TService>(string? key, Func<IServiceProvider, TService> factory)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (key is null)
        {
            Services.TryAddSingleton(factory);
        }
        else
        {
            Services.TryAddKeyedSingleton(key, (sp, _) => factory(sp));
        }

        return this;
    }

    /// <summary>Resolves the client that <see cref="AddClient{TService}"/> registered under <paramref name="key"/>.</summary>
    /// <typeparam name="TService">The client's public service type.</typeparam>
    /// <param name="services">The application's services.</param>
    /// <param name="key">The key of a keyed client, or <see langword="null"/> for the default one.</param>
    /// <returns>The client.</returns>
    public static TService GetClient<TService>(IServiceProvider services, string? key)
        where TService : notnull =>
        key is null ? services.GetRequiredService<TService>() : services.GetRequiredKeyedService<TService>(key);

    /// <summary>
    /// Reads <typeparamref name="TSettings"/> now, the way <see cref="AddSettings{TSettings}"/> binds it, for decisions taken at
    /// registration time (such as whether to add a health check). Not validated; the registered options are.
    /// </summary>
    /// <typeparam name="TSettings">The settings class.</typeparam>
    /// <param name="relativePath">A path below <c>AiPlatform</c>.</param>
    /// <param name="configure">Code-first changes, applied last.</param>
    /// <param name="name">The name of a keyed instance.</param>
    /// <returns>The settings as configured.</returns>
    public TSettings ReadSettings<TSettings>(string relativePath, Action<TSettings>? configure = null, string? name = null)
        where TSettings : class, new()
    {
        var settings = new TSettings();
        GetSection(relativePath).Bind(settings);
        if (name is not null)
        {
            GetSection(ConfigurationPath.Combine(relativePath, name)).Bind(settings);
        }

        configure?.Invoke(settings);
        return settings;
    }
}
