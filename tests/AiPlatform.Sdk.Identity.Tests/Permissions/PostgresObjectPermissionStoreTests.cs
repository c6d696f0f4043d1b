using AiPlatform.Sdk.Identity.Permissions;
using AiPlatform.Sdk.Identity.Tests.Tokens;
using AiPlatform.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Identity.Tests.Permissions;

/// <summary>Live against the PostgreSQL of <c>eng/services.sh</c>, registered through configuration as an application would.</summary>
public sealed class PostgresObjectPermissionStoreTests : ObjectPermissionStoreTests, IAsyncLifetime
{
    private readonly ServiceProvider _services = IdentityTestHost.Build(new()
    {
        ["AiPlatform:Identity:Permissions:ConnectionString"] = ServiceEndpoints.Postgres,
        ["AiPlatform:Identity:Permissions:TableName"] = "aip_identity_test_permissions",
    });

    protected override IObjectPermissionStore Store => _services.GetRequiredService<IObjectPermissionStore>();

    [Fact]
    public void Configured_connection_string_selects_the_postgresql_store() =>
        Assert.IsType<PostgresObjectPermissionStore>(Store);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _services.DisposeAsync();
}
