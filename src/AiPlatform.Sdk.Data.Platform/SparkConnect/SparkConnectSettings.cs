using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk.Data.Platform.SparkConnect;

/// <summary>
/// Settings of the Spark Connect client, bound from <c>AiPlatform:DataPlatform:SparkConnect</c>. <see cref="RemoteClientSettings.Endpoint"/>
/// is the Spark Connect server's gRPC address, such as <c>http://spark:15002</c> (<c>https://</c> behind TLS); a bearer token from the
/// platform's token provider is sent when one is registered and <see cref="RemoteClientSettings.Authenticate"/> is on.
/// </summary>
public sealed class SparkConnectSettings : RemoteClientSettings
{
    /// <summary>The configuration path below <c>AiPlatform</c>.</summary>
    public const string SectionPath = "DataPlatform:SparkConnect";

    /// <summary>The user the session belongs to (<c>UserContext.user_id</c>); Spark keys a session by user id and session id. Default empty.</summary>
    public string? UserId { get; set; }

    /// <summary>
    /// The session to use, a UUID such as <c>00112233-4455-6677-8899-aabbccddeeff</c>, to share one Spark session (its temporary views
    /// and settings) between processes. Default: a new UUID per client.
    /// </summary>
    [RegularExpression("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", ErrorMessage = "SessionId must be a UUID such as 00112233-4455-6677-8899-aabbccddeeff.")]
    public string? SessionId { get; set; }

    /// <summary>
    /// How many times in a row an execution's stream is reattached (<c>ReattachExecute</c> from the last response received) after it
    /// broke without a response in between; 0 turns reattaching off. Default 3.
    /// </summary>
    [Range(0, 100)]
    public int MaxReattachAttempts { get; set; } = 3;
}
