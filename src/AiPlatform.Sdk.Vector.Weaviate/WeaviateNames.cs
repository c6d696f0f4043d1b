using System.Text.RegularExpressions;

namespace AiPlatform.Sdk.Vector.Weaviate;

/// <summary>How SDK names map to Weaviate's: class names start upper-case, property names lower-case (as Weaviate stores them).</summary>
internal static partial class WeaviateNames
{
    /// <summary>Checks that <paramref name="name"/> is a valid Weaviate class name.</summary>
    /// <exception cref="ArgumentException">It is not: an upper-case letter, then letters, digits or '_'.</exception>
    public static string Class(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return ClassPattern().IsMatch(name)
            ? name
            : throw new ArgumentException($"'{name}' is not a valid Weaviate collection name: use an upper-case letter, then letters, digits or '_'.", nameof(name));
    }

    /// <summary>The Weaviate property name of a storage name: its first letter in lower case.</summary>
    public static string Property(string storageName) =>
        storageName.Length == 0 || char.IsLower(storageName[0]) ? storageName : char.ToLowerInvariant(storageName[0]) + storageName[1..];

    [GeneratedRegex("^[A-Z][_0-9A-Za-z]{0,230}$")]
    private static partial Regex ClassPattern();
}
