using System.ComponentModel.DataAnnotations;

namespace AiPlatform.Sdk;

/// <summary>Settings of a client that talks to a remote system over HTTP or gRPC.</summary>
public abstract class RemoteClientSettings : AiPlatformClientSettings
{
    /// <summary>The base address of the remote system, such as <c>http://triton:8001</c>.</summary>
    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>When <see langword="false"/>, calls carry no bearer token even if an <see cref="Authentication.IAccessTokenProvider"/> is registered. Default <see langword="true"/>.</summary>
    public bool Authenticate { get; set; } = true;
}
