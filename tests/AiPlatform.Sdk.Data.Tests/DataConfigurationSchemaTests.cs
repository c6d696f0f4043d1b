using AiPlatform.Sdk.Data.Cache;
using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Data.ObjectStore;
using AiPlatform.Sdk.Data.Relational;
using AiPlatform.Sdk.Testing.ConfigurationSchema;

namespace AiPlatform.Sdk.Data.Tests;

public sealed class DataConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Data";

    protected override IReadOnlyList<SettingsSection> Sections { get; } =
    [
        new(ObjectStoreSettings.SectionPath, true, typeof(ObjectStoreSettings)),
        new(EventStreamSettings.SectionPath, false, typeof(EventStreamSettings)),
        new(DocumentStoreSettings.SectionPath, false, typeof(DocumentStoreSettings)),
        new(CacheSettings.SectionPath, false, typeof(CacheSettings)),
        new(PostgresSettings.SectionPath, false, typeof(PostgresSettings)),
    ];
}
