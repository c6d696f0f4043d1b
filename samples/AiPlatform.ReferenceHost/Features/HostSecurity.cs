namespace AiPlatform.ReferenceHost.Features;

/// <summary>
/// Authentication and authorization of the host. Every endpoint other than health and metrics requires
/// <see cref="HostPolicies.Read"/> or <see cref="HostPolicies.Write"/>; anonymous callers are denied unless
/// <c>AiPlatform:Identity:AllowAnonymous</c> is explicitly <see langword="true"/> (development only).
/// </summary>
internal static class HostSecurity
{
    public static void AddHostSecurity(this WebApplicationBuilder builder)
    {
        var allowAnonymous = builder.Configuration.GetValue<bool>("AiPlatform:Identity:AllowAnonymous");
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(HostPolicies.Read, p =>
            {
                if (allowAnonymous)
                {
                    p.RequireAssertion(_ => true);
                }
                else
                {
                    p.RequireAuthenticatedUser();
                }
            })
            .AddPolicy(HostPolicies.Write, p =>
            {
                if (allowAnonymous)
                {
                    p.RequireAssertion(_ => true);
                }
                else
                {
                    p.RequireAuthenticatedUser().RequireRole(HostPolicies.WriterRole);
                }
            })
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    public static void UseHostSecurity(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("AiPlatform:Identity:AllowAnonymous"))
        {
            app.Logger.LogWarning("AiPlatform:Identity:AllowAnonymous is true: anyone may read and write. Use it for development only.");
        }

        app.UseAuthentication();
        app.UseAuthorization();
    }
}

/// <summary>The authorization policies the host's endpoints use.</summary>
internal static class HostPolicies
{
    /// <summary>Reading: any authenticated caller.</summary>
    public const string Read = "aiplatform.read";

    /// <summary>Writing: an authenticated caller with <see cref="WriterRole"/>.</summary>
    public const string Write = "aiplatform.write";

    /// <summary>The role that grants writes.</summary>
    public const string WriterRole = "aiplatform-writer";
}
