using Microsoft.Extensions.Configuration;

namespace AiPlatform.Sdk.Configuration;

/// <summary>Builds configuration keys below the <c>AiPlatform</c> root section.</summary>
internal static class SettingsPath
{
    public static string Of(string relativePath) =>
        string.IsNullOrEmpty(relativePath) ? AiPlatformBuilder.SectionName : ConfigurationPath.Combine(AiPlatformBuilder.SectionName, relativePath);
}
