using AiPlatform.Sdk.Testing.ConfigurationSchema;
using AiPlatform.Sdk.Vector.Weaviate;

namespace AiPlatform.Sdk.Vector.Tests.Weaviate;

public sealed class WeaviateConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Vector.Weaviate";

    protected override IReadOnlyList<SettingsSection> Sections { get; } = [new(WeaviateSettings.SectionPath, true, typeof(WeaviateSettings))];
}
