using AiPlatform.Sdk.Identity.Permissions;
using AiPlatform.Sdk.Identity.Policies;
using AiPlatform.Sdk.Identity.Secrets;
using AiPlatform.Sdk.Testing.ConfigurationSchema;

namespace AiPlatform.Sdk.Identity.Tests;

public sealed class IdentityConfigurationSchemaTests : ConfigurationSchemaTests
{
    protected override string Package => "AiPlatform.Sdk.Identity";

    protected override IReadOnlyList<SettingsSection> Sections { get; } =
    [
        new("Identity", false, typeof(IdentitySettings)),
        new("Identity:Opa", true, typeof(OpaSettings)),
        new("Identity:Vault", true, typeof(VaultSettings)),
        new("Identity:Permissions", false, typeof(ObjectPermissionSettings)),
    ];
}
