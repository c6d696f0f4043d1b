using AiPlatform.Sdk.Identity.Secrets;
using AiPlatform.Sdk.Identity.Tests.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AiPlatform.Sdk.Identity.Tests.Secrets;

[Trait("Kind", "Contract")]
public sealed class VaultSecretStoreTests
{
    [Fact]
    public async Task Read_logs_in_with_approle_and_returns_the_latest_version()
    {
        await using var vault = await FakeVault.StartAsync();
        await using var services = Build(vault);

        var secret = await services.GetRequiredService<ISecretStore>().ReadAsync("aiplatform/orders");

        var login = Assert.Single(vault.Server.Requests, r => r.PathAndQuery == "/v1/auth/approle/login");
        var read = Assert.Single(vault.Server.Requests, r => r.PathAndQuery == "/v1/secret/data/aiplatform/orders");
        Assert.Equal($$"""{"role_id":"{{FakeVault.RoleId}}","secret_id":"{{FakeVault.SecretId}}"}""", login.Body);
        Assert.Equal("hvs.login-1", read.Headers["X-Vault-Token"]);
        Assert.Equal("true", read.Headers["X-Vault-Request"]);
        Assert.False(read.Headers.ContainsKey("Authorization"));
        Assert.Equal(2, secret!.Version);
        Assert.Equal("pw-v2", secret.Data["password"]);
        Assert.False(secret.Deleted);
    }

    [Fact]
    public async Task Kubernetes_login_sends_the_service_account_token_and_role()
    {
        await using var vault = await FakeVault.StartAsync();
        var jwtFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(jwtFile, "eyJhbGciOiJSUzI1NiJ9.sa-token.sig\n");
        await using var services = IdentityTestHost.Build(new()
        {
            ["AiPlatform:Identity:Vault:Endpoint"] = vault.Server.BaseAddress.AbsoluteUri,
            ["AiPlatform:Identity:Vault:AuthMethod"] = "Kubernetes",
            ["AiPlatform:Identity:Vault:Role"] = "orders-app",
            ["AiPlatform:Identity:Vault:ServiceAccountTokenPath"] = jwtFile,
        });

        await services.GetRequiredService<ISecretStore>().ReadAsync("aiplatform/orders");

        var login = Assert.Single(vault.Server.Requests, r => r.PathAndQuery == "/v1/auth/kubernetes/login");
        Assert.Equal("""{"role":"orders-app","jwt":"eyJhbGciOiJSUzI1NiJ9.sa-token.sig"}""", login.Body);
        Assert.Equal("hvs.k8s-1", vault.Server.Requests.Last().Headers["X-Vault-Token"]);
        File.Delete(jwtFile);
    }

    [Fact]
    public async Task A_static_token_is_sent_as_configured()
    {
        await using var vault = await FakeVault.StartAsync();
        await using var services = IdentityTestHost.Build(new()
        {
            ["AiPlatform:Identity:Vault:Endpoint"] = vault.Server.BaseAddress.AbsoluteUri,
            ["AiPlatform:Identity:Vault:Token"] = "hvs.static",
            ["AiPlatform:Identity:Vault:Namespace"] = "team-a",
        });

        await services.GetRequiredService<ISecretStore>().ReadAsync("aiplatform/orders");

        var read = Assert.Single(vault.Server.Requests);
        Assert.Equal("hvs.static", read.Headers["X-Vault-Token"]);
        Assert.Equal("team-a", read.Headers["X-Vault-Namespace"]);
    }

    [Fact]
    public async Task Missing_login_credentials_fail_validation_naming_the_key()
    {
        await using var services = IdentityTestHost.Build(new()
        {
            ["AiPlatform:Identity:Vault:Endpoint"] = "http://127.0.0.1:9/",
            ["AiPlatform:Identity:Vault:AuthMethod"] = "AppRole",
            ["AiPlatform:Identity:Vault:RoleId"] = FakeVault.RoleId,
        });

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(
            () => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<VaultSettings>>().Value);

        Assert.Contains("AiPlatform:Identity:Vault:SecretId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_by_version_asks_for_that_version()
    {
        await using var vault = await FakeVault.StartAsync();
        await using var services = Build(vault);

        var secret = await services.GetRequiredService<ISecretStore>().ReadAsync("aiplatform/orders", version: 1);

        Assert.Contains(vault.Server.Requests, r => r.PathAndQuery == "/v1/secret/data/aiplatform/orders?version=1");
        Assert.Equal("pw-v1", secret!.Data["password"]);
    }

    [Fact]
    public async Task A_missing_secret_reads_as_null_and_an_empty_folder_lists_nothing()
    {
        await using var vault = await FakeVault.StartAsync();
        await using var services = Build(vault);
        var store = services.GetRequiredService<ISecretStore>();

        Assert.Null(await store.ReadAsync("aiplatform/none"));
        Assert.Empty(await store.ListAsync("elsewhere").ToListAsync());
    }

    [Fact]
    public async Task Write_sends_data_and_check_and_set_and_returns_the_version()
    {
        await using var vault = await FakeVault.StartAsync();
        await using var services = Build(vault);

        var version = await services.GetRequiredService<ISecretStore>().WriteAsync("aiplatform/orders", new Dictionary<string, string> { ["password"] = "pw-v3" }, checkAndSet: 2);

        var write = Assert.Single(vault.Server.Requests, r => r.Method == "POST" && r.PathAndQuery == "/v1/secret/data/aiplatform/orders");
        Assert.Equal("""{"data":{"password":"pw-v3"},"options":{"cas":2}}""", write.Body);
        Assert.Equal(3, version);
    }

    [Fact]
    public async Task A_failed_check_and_set_surfaces_vaults_error_message()
    {
        await using var vault = await FakeVault.StartAsync();
        await using var services = Build(vault);

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => services.GetRequiredService<ISecretStore>()
            .WriteAsync("aiplatform/orders", new Dictionary<string, string> { ["a"] = "b" }, checkAndSet: 0));

        Assert.Equal("vault", error.Service);
        Assert.Equal("check-and-set parameter did not match the current version", error.ServerMessage);
    }

    [Fact]
    public async Task List_and_delete_use_the_metadata_and_data_paths()
    {
        await using var vault = await FakeVault.StartAsync();
        await using var services = Build(vault);
        var store = services.GetRequiredService<ISecretStore>();

        var keys = await store.ListAsync("aiplatform").ToListAsync();
        await store.DeleteAsync("aiplatform/orders");

        Assert.Equal(["orders", "team/"], keys);
        Assert.Contains(vault.Server.Requests, r => r.Method == "LIST" && r.PathAndQuery == "/v1/secret/metadata/aiplatform/");
        Assert.Contains(vault.Server.Requests, r => r.Method == "DELETE" && r.PathAndQuery == "/v1/secret/data/aiplatform/orders");
    }

    [Fact]
    public async Task The_token_is_renewed_shortly_before_its_lease_ends()
    {
        await using var vault = await FakeVault.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = Build(vault, time);
        var store = services.GetRequiredService<ISecretStore>();
        await store.ReadAsync("aiplatform/orders");

        time.Advance(TimeSpan.FromSeconds(1150));
        await store.ReadAsync("aiplatform/orders");

        var renew = Assert.Single(vault.Server.Requests, r => r.PathAndQuery == "/v1/auth/token/renew-self");
        Assert.Equal("hvs.login-1", renew.Headers["X-Vault-Token"]);
        Assert.Equal(1, vault.Logins);
    }

    [Fact]
    public async Task A_failed_renewal_logs_in_again_instead_of_failing()
    {
        await using var vault = await FakeVault.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var logs = new FakeLogCollector();
        await using var services = Build(vault, time, logs);
        var store = services.GetRequiredService<ISecretStore>();
        await store.ReadAsync("aiplatform/orders");
        vault.RenewalFails = true;

        time.Advance(TimeSpan.FromSeconds(1150));
        var secret = await store.ReadAsync("aiplatform/orders");

        Assert.NotNull(secret);
        Assert.Equal(2, vault.Logins);
        Assert.Equal("hvs.login-2", vault.Server.Requests.Last().Headers["X-Vault-Token"]);
        Assert.Contains(logs.GetSnapshot(), r => r.Message.Contains("permission denied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_token_revoked_at_the_server_leads_to_one_login_and_resend()
    {
        await using var vault = await FakeVault.StartAsync();
        await using var services = Build(vault);
        var store = services.GetRequiredService<ISecretStore>();
        await store.ReadAsync("aiplatform/orders");
        vault.RevokedTokens["hvs.login-1"] = true;

        var secret = await store.ReadAsync("aiplatform/orders");

        Assert.NotNull(secret);
        Assert.Equal(2, vault.Logins);
    }

    [Fact]
    public void Settings_description_hides_the_credentials()
    {
        var settings = new VaultSettings { Token = "hvs.root-token-123", SecretId = FakeVault.SecretId };

        Assert.DoesNotContain("hvs.root-token-123", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeVault.SecretId, settings.ToString(), StringComparison.Ordinal);
    }

    internal static ServiceProvider Build(FakeVault vault, FakeTimeProvider? time = null, FakeLogCollector? logs = null) => IdentityTestHost.Build(new()
    {
        ["AiPlatform:Identity:Vault:Endpoint"] = vault.Server.BaseAddress.AbsoluteUri,
        ["AiPlatform:Identity:Vault:AuthMethod"] = "AppRole",
        ["AiPlatform:Identity:Vault:RoleId"] = FakeVault.RoleId,
        ["AiPlatform:Identity:Vault:SecretId"] = FakeVault.SecretId,
        ["AiPlatform:Resilience:MaxRetryAttempts"] = "0",
    }, logs, time);
}
