namespace AiPlatform.Sdk.Identity;

// A stand-in for the Identity package's settings.
public sealed class IdentitySettings
{
    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }
}
