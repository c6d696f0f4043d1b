using System;
using System.Collections.Generic;

namespace AiPlatform.Sdk.Analyzers.Configuration;

/// <summary>
/// Finds the configuration key a property of an SDK settings class is bound from, by the settings schema: the one section named
/// after the class (<c>IdentitySettings</c> is <c>AiPlatform:Identity</c>, <c>VaultSettings</c> <c>AiPlatform:Identity:Vault</c>)
/// that has the property.
/// </summary>
internal static class SettingKeys
{
    private const string Suffix = "Settings";

    /// <summary>
    /// The key of <paramref name="propertyName"/> of the class <paramref name="typeName"/> (<c>AiPlatform:Identity:ClientSecret</c>),
    /// or null when the name does not end in <c>Settings</c> or no section, or more than one, matches.
    /// </summary>
    public static string? Find(SettingsSchema? aiPlatform, string typeName, string propertyName)
    {
        if (aiPlatform == null || typeName.Length <= Suffix.Length || !typeName.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return null;
        }

        var matches = new List<string>();
        Collect(aiPlatform, "AiPlatform", typeName.Substring(0, typeName.Length - Suffix.Length), propertyName, matches);
        return matches.Count == 1 ? matches[0] : null;
    }

    private static void Collect(SettingsSchema section, string path, string sectionName, string propertyName, List<string> matches)
    {
        foreach (var child in section.Properties)
        {
            var childPath = path + ":" + child.Key;
            if (string.Equals(child.Key, sectionName, StringComparison.OrdinalIgnoreCase) && child.Value.Properties.ContainsKey(propertyName))
            {
                matches.Add(childPath + ":" + propertyName);
            }

            Collect(child.Value, childPath, sectionName, propertyName, matches);
        }
    }
}
