using AiPlatform.Sdk.AspNetCore.Security;
using AiPlatform.Sdk.Identity.Policies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace AiPlatform.Sdk.AspNetCore;

/// <summary>
/// Authentication and authorization of the host. Every endpoint other than health and metrics requires
/// <see cref="ServerPolicies.Read"/> or <see cref="ServerPolicies.Write"/> (unannotated endpoints: reads need an authenticated
/// caller, writes the writer role). Tokens come from <c>AiPlatform:Server:Authentication:Authority</c>, or, when none is set, from the
/// host's own development issuer. With <c>AiPlatform:Identity:Opa:Endpoint</c>, Open Policy Agent must allow each request too.
/// Anonymous callers are denied unless <c>AiPlatform:Server:Authentication:AllowAnonymous</c> is explicitly <see langword="true"/>
/// (development only, announced loudly).
/// </summary>
internal static class ServerSecurity
{
    public static void Add(WebApplicationBuilder builder)
    {
        var settings = new ServerAuthenticationSettings();
        var section = builder.Configuration.GetSection(ServerAuthenticationSettings.SectionName);
        section.Bind(settings);
        builder.Services.AddOptions<ServerAuthenticationSettings>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var platform = builder.Services.AddAiPlatformCore(builder.Configuration);
        platform.AddIdentity();
        builder.Services.AddSingleton<ObjectAccess>();

        var audience = settings.Audience ?? "aiplatform";
        var issuers = new List<string>();
        Microsoft.IdentityModel.Tokens.SecurityKey? localKey = null;
        if (settings.Authority is { } authority)
        {
            issuers.Add(authority.OriginalString);
        }
        else
        {
            // The development issuer's key is needed while registering, so the data folder is read here from the bound settings.
            var dataPath = platform.GetSection(string.Empty).Get<AiPlatformSettings>()?.DataPath ?? new AiPlatformSettings().DataPath;
            var credentials = DevelopmentCredentials.LoadOrCreate(dataPath, generateClient: settings.Clients.Count == 0);
            var issuer = settings.Issuer ?? IssuerFromUrls(builder.Configuration[WebHostDefaults.ServerUrlsKey]);
            EmbeddedIssuer.Add(builder.Services, settings, credentials, issuer, audience);
            builder.Services.AddSingleton(credentials);
            issuers.Add(issuer.AbsoluteUri);
            localKey = credentials.SigningKey;
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(o => JwtBearerSetup.Configure(o, settings, audience, issuers, localKey));
        builder.Services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, JwtBearerSetup.RefuseRetiredKeys);

        var opa = platform.IsRemote(OpaSectionPath);
        if (opa)
        {
            builder.Services.AddSingleton<IAuthorizationHandler, OpaAuthorizationHandler>();
        }

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, SecurityJsonContext.Default));
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ServerPolicies.Read, p => Require(p, settings, opa, writer: false))
            .AddPolicy(ServerPolicies.Write, p => Require(p, settings, opa, writer: true))
            .SetFallbackPolicy(Require(new AuthorizationPolicyBuilder(), settings, opa, writer: null).Build());
    }

    public static void Use(WebApplication app)
    {
        // Read unvalidated here: invalid settings stop the host at StartAsync with a message naming the key.
        var settings = new ServerAuthenticationSettings();
        app.Configuration.GetSection(ServerAuthenticationSettings.SectionName).Bind(settings);
        if (settings.AllowAnonymous)
        {
            app.Logger.LogWarning(
                "SECURITY WARNING: AiPlatform:Server:Authentication:AllowAnonymous is true. Anyone who can reach this server may read and write without a token. " +
                "Use it for local development only, never on a network.");
        }

        if (settings.Authority is null && app.Services.GetService<DevelopmentCredentials>() is { } credentials)
        {
            AnnounceDevelopmentIssuer(app, credentials, settings);
        }

        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>The OPA client's section below <c>AiPlatform</c>; by the switch rule its <c>Endpoint</c> turns OPA decisions on.</summary>
    private const string OpaSectionPath = "Identity:Opa";

    // Reads (GET, HEAD, OPTIONS) need an authenticated caller (with a reader role when ReaderRoles is set); writes need a writer role.
    // writer: null decides per request by HTTP method.
    private static AuthorizationPolicyBuilder Require(AuthorizationPolicyBuilder policy, ServerAuthenticationSettings settings, bool opa, bool? writer)
    {
        if (settings.AllowAnonymous)
        {
            return policy.RequireAssertion(_ => true);
        }

        var writers = settings.EffectiveWriterRoles;
        var readers = settings.ReaderRoles.Count > 0 ? [.. settings.ReaderRoles, .. writers] : (IReadOnlyList<string>?)null;
        policy.RequireAuthenticatedUser();
        if (writer == true)
        {
            policy.RequireRole(writers);
        }
        else if (writer == false && readers is not null)
        {
            policy.RequireRole(readers);
        }
        else if (writer is null)
        {
            policy.RequireAssertion(c => IsRead(c.Resource)
                ? readers is null || readers.Any(c.User.IsInRole)
                : writers.Any(c.User.IsInRole));
        }

        if (opa)
        {
            policy.AddRequirements(new OpaRequirement());
        }

        return policy;
    }

    private static bool IsRead(object? resource) => resource is HttpContext http &&
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method));

    private static Uri IssuerFromUrls(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "http://localhost:5000";
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return new Uri(first.TrimEnd('/') + "/");
    }

    private static void AnnounceDevelopmentIssuer(WebApplication app, DevelopmentCredentials credentials, ServerAuthenticationSettings settings)
    {
        app.Logger.LogWarning(
            "SECURITY WARNING: no AiPlatform:Server:Authentication:Authority is configured, so this host issues its own tokens at /{TokenPath} with a " +
            "development key kept in its data folder. This is for development only: configure an OpenID provider for anything else.",
            EmbeddedIssuer.TokenPath);
        if (credentials.GeneratedSecret is { } secret)
        {
            // The secret is printed once, when it is generated, to the console only (never through ILogger), so that a newcomer can
            // ask for a token right away; later starts name only the file that keeps it.
            var line = credentials.SecretIsNew ? $"client_secret: {secret}" : $"secret file:   {credentials.SecretPath}";
            Console.WriteLine(
                $"""
                 ================================================================================
                  DEVELOPMENT CLIENT (for development only; configure AiPlatform:Server:Authentication:Clients to replace it)
                    client_id:     {DevelopmentCredentials.DevelopmentClientId}
                    {line}
                    roles:         {string.Join(", ", settings.EffectiveWriterRoles)}
                 ================================================================================
                 """);
        }
    }
}

/// <summary>The authorization policies the host's endpoints use.</summary>
internal static class ServerPolicies
{
    /// <summary>Reading: any authenticated caller, or one with a role of <c>AiPlatform:Server:Authentication:ReaderRoles</c> when set.</summary>
    public const string Read = "aiplatform.read";

    /// <summary>Writing: an authenticated caller with <see cref="WriterRole"/> (or a role of <c>AiPlatform:Server:Authentication:WriterRoles</c> when set).</summary>
    public const string Write = "aiplatform.write";

    /// <summary>The role that grants writes unless <c>AiPlatform:Server:Authentication:WriterRoles</c> names others.</summary>
    public const string WriterRole = "aiplatform-writer";

    /// <summary>The platform administrator role unless <c>AiPlatform:Server:Authentication:AdminRoles</c> names others: may grant and revoke on any object.</summary>
    public const string AdminRole = "aiplatform-admin";
}
