using AiPlatform.Sdk.Testing.ConfigurationSchema;

namespace AiPlatform.Sdk.Vector.Tests.Hosting;

public sealed class VectorConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Vector";

    protected override IReadOnlyList<SettingsSection> Sections { get; } = [new("Vector", false, typeof(VectorSettings))];
}
