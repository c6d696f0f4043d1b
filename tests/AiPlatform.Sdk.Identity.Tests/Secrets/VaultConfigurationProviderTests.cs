using AiPlatform.Sdk.Identity.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace AiPlatform.Sdk.Identity.Tests.Secrets;

[Trait("Kind", "Contract")]
public sealed class VaultConfigurationProviderTests
{
    [Fact]
    public async Task Secret_keys_become_configuration_and_reload_on_schedule()
    {
        await using var vault = await FakeVault.StartAsync();
        vault.Secret.Clear();
        vault.Secret["AiPlatform__Identity__ClientSecret"] = "from-vault-1";
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder().Add(new VaultConfigurationSource
        {
            Settings = new VaultSettings { Endpoint = vault.Server.BaseAddress, AuthMethod = VaultAuthMethod.AppRole, RoleId = FakeVault.RoleId, SecretId = FakeVault.SecretId },
            SecretPath = "aiplatform/orders",
            ReloadInterval = TimeSpan.FromMinutes(1),
            TimeProvider = time,
        }).Build();
        var first = configuration["AiPlatform:Identity:ClientSecret"];
        var reloaded = new TaskCompletionSource();
        using var registration = configuration.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);

        vault.Secret["AiPlatform__Identity__ClientSecret"] = "from-vault-2";
        time.Advance(TimeSpan.FromMinutes(1));
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("from-vault-1", first);
        Assert.Equal("from-vault-2", configuration["AiPlatform:Identity:ClientSecret"]);
        (configuration as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task An_unreachable_vault_fails_the_first_load_unless_optional()
    {
        await using var vault = await FakeVault.StartAsync();
        var settings = new VaultSettings { Endpoint = new Uri("http://127.0.0.1:9/"), Token = "hvs.x" };

        Assert.ThrowsAny<AiPlatformException>(() => new ConfigurationBuilder().AddVaultSecrets(settings, "aiplatform/orders").Build());
        var optional = new ConfigurationBuilder().Add(new VaultConfigurationSource { Settings = settings, SecretPath = "aiplatform/orders", Optional = true }).Build();
        Assert.Empty(optional.AsEnumerable());
    }
}
