namespace AiPlatform.Sdk.Analyzers.Tests;

/// <summary>Stand-ins for the SDK's settings classes that hold secrets (<c>AiPlatform:Identity</c> and its Vault section).</summary>
internal static class SettingsStubs
{
    public const string Source = """
        namespace AiPlatform.Sdk.Identity
        {
            public sealed class IdentitySettings
            {
                public string? ClientId { get; set; }
                public string? ClientSecret { get; set; }
            }
            public sealed class VaultSettings
            {
                public string? Token { get; set; }
                public string? SecretId { get; set; }
            }
        }

        """;
}
