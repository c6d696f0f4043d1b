using System.Text.Json.Nodes;
using Xunit;

namespace AiPlatform.Sdk.Testing.ConfigurationSchema;

/// <summary>
/// Checks a package's checked-in <c>ConfigurationSchema.json</c> against its settings classes: the file is what the generator writes
/// today, and every key a settings class binds appears in it. Set <c>AIP_UPDATE_SCHEMA=1</c> to rewrite the file after changing settings.
/// </summary>
public abstract class ConfigurationSchemaTests
{
    /// <summary>The package folder below <c>src/</c>, such as <c>AiPlatform.Sdk.Data</c>.</summary>
    protected abstract string Package { get; }

    /// <summary>The package's settings sections.</summary>
    protected abstract IReadOnlyList<SettingsSection> Sections { get; }

    [Fact]
    public void The_checked_in_schema_is_the_one_the_settings_classes_describe()
    {
        var expected = ConfigurationSchemaGenerator.Generate(Sections);
        var path = Path.Combine(RepositoryRoot(), "src", Package, "ConfigurationSchema.json");
        if (Environment.GetEnvironmentVariable("AIP_UPDATE_SCHEMA") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with AIP_UPDATE_SCHEMA=1 to write it.");
        Assert.True(expected == File.ReadAllText(path).ReplaceLineEndings("\n"), $"{path} is out of date; run the tests with AIP_UPDATE_SCHEMA=1 to rewrite it.");
    }

    [Fact]
    public void Every_settings_property_appears_in_the_schema()
    {
        var path = Path.Combine(RepositoryRoot(), "src", Package, "ConfigurationSchema.json");
        var schema = JsonNode.Parse(File.ReadAllText(path))!;
        foreach (var section in Sections)
        {
            foreach (var key in section.Types.SelectMany(ConfigurationSchemaGenerator.Keys))
            {
                var node = schema["properties"]!["AiPlatform"];
                foreach (var name in $"{section.Path}:{key}".Split(':', StringSplitOptions.RemoveEmptyEntries))
                {
                    node = node?["properties"]?[name];
                }

                Assert.True(node is not null, $"AiPlatform:{section.Path}:{key} is not in the schema of {Package}.");
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AiPlatform.Sdk.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AiPlatform.Sdk.sln) was not found above the test's folder.");
    }
}
