using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Identity.Policies;
using AiPlatform.Sdk.Identity.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Identity.Tests;

/// <summary>The switch rule in the Identity layer: OPA and Vault exist when their <c>Endpoint</c> is set; the token provider when <c>Authority</c> and <c>ClientId</c> are.</summary>
public sealed class IdentitySwitchRuleTests
{
    private static readonly Dictionary<string, string?> TuningOnly = new()
    {
        ["AiPlatform:Identity:Opa:DefaultPolicyPath"] = "orders/allow",
        ["AiPlatform:Identity:Vault:KvMount"] = "kv",
        ["AiPlatform:Identity:Scopes:0"] = "api",
        ["AiPlatform:Identity:ClientId"] = "orders-app",
    };

    [Fact]
    public async Task Tuning_keys_switch_no_client_on()
    {
        await using var provider = Build(TuningOnly);

        Assert.Null(provider.GetService<IPolicyClient>());
        Assert.Null(provider.GetService<ISecretStore>());
        Assert.Null(provider.GetService<IAccessTokenProvider>());
    }

    [Fact]
    public async Task Setting_each_endpoint_switches_its_client_on()
    {
        await using var provider = Build(new Dictionary<string, string?>(TuningOnly)
        {
            ["AiPlatform:Identity:Opa:Endpoint"] = "http://127.0.0.1:9/",
            ["AiPlatform:Identity:Vault:Endpoint"] = "http://127.0.0.1:9/",
            ["AiPlatform:Identity:Vault:Token"] = "switch-rule",
            ["AiPlatform:Identity:Authority"] = "http://127.0.0.1:9/realms/x",
            ["AiPlatform:Identity:ClientSecret"] = "switch-rule",
        });

        Assert.NotNull(provider.GetService<IPolicyClient>());
        Assert.NotNull(provider.GetService<ISecretStore>());
        Assert.NotNull(provider.GetService<IAccessTokenProvider>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAiPlatformCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()).AddIdentity();
        return services.BuildServiceProvider();
    }
}
