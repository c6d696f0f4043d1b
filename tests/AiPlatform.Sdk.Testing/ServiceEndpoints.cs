namespace AiPlatform.Sdk.Testing;

/// <summary>
/// Connection settings of the real services that <c>eng/services.sh start</c> brings up, read from the environment it exports.
/// A missing service is a test failure with instructions, never a silent skip.
/// </summary>
public static class ServiceEndpoints
{
    /// <summary>The PostgreSQL connection string (<c>AIP_POSTGRES</c>).</summary>
    public static string Postgres => Require("AIP_POSTGRES");

    /// <summary>The Redis endpoint, <c>host:port</c> (<c>AIP_REDIS</c>).</summary>
    public static string Redis => Require("AIP_REDIS");

    /// <summary>The S3 endpoint of OpenStack Swift, <c>host:port</c> (<c>AIP_S3_ENDPOINT</c>).</summary>
    public static string S3Endpoint => Require("AIP_S3_ENDPOINT");

    /// <summary>The S3 access key (<c>AIP_S3_ACCESS_KEY</c>).</summary>
    public static string S3AccessKey => Require("AIP_S3_ACCESS_KEY");

    /// <summary>The S3 secret key (<c>AIP_S3_SECRET_KEY</c>).</summary>
    public static string S3SecretKey => Require("AIP_S3_SECRET_KEY");

    /// <summary>The issuer of the OpenID provider (<c>AIP_OIDC_ISSUER</c>).</summary>
    public static string OidcIssuer => Require("AIP_OIDC_ISSUER");

    /// <summary>The client id registered at the OpenID provider (<c>AIP_OIDC_CLIENT_ID</c>).</summary>
    public static string OidcClientId => Require("AIP_OIDC_CLIENT_ID");

    /// <summary>The client secret registered at the OpenID provider (<c>AIP_OIDC_CLIENT_SECRET</c>).</summary>
    public static string OidcClientSecret => Require("AIP_OIDC_CLIENT_SECRET");

    /// <summary>The audience of the OpenID provider's access tokens (<c>AIP_OIDC_AUDIENCE</c>).</summary>
    public static string OidcAudience => Require("AIP_OIDC_AUDIENCE");

    /// <summary>Returns an environment variable or fails the test saying how to start the services.</summary>
    /// <param name="name">The variable's name.</param>
    /// <returns>Its value.</returns>
    public static string Require(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{name} is not set: start the test services with 'bash eng/services.sh start' and 'source \"${{AIP_SERVICES_HOME:-/tmp/aiplatform-services}}/env.sh\"', or run 'bash eng/test.sh'.");
}
