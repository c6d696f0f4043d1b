using AiPlatform.Sdk.Testing.ConfigurationSchema;

namespace AiPlatform.Sdk.Core.Tests.Configuration;

public sealed class CoreConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Core";

    protected override IReadOnlyList<SettingsSection> Sections { get; } = [new(string.Empty, false, typeof(AiPlatformSettings))];
}
