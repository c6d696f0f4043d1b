using AiPlatform.Sdk.Authentication;
using AiPlatform.Sdk.Identity.Permissions;
using AiPlatform.Sdk.Identity.Policies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Identity.Tests.Tokens;

public sealed class IdentityRegistrationTests
{
    [Fact]
    public async Task Without_an_authority_no_token_provider_is_registered_and_permissions_are_embedded()
    {
        await using var services = IdentityTestHost.Build([]);

        Assert.Null(services.GetService<IAccessTokenProvider>());
        Assert.Null(services.GetService<IPolicyClient>());
        Assert.IsType<FileObjectPermissionStore>(services.GetRequiredService<IObjectPermissionStore>());
    }

    [Fact]
    public async Task Code_first_settings_switch_on_the_token_provider()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        var services = new ServiceCollection();
        services.AddAiPlatformCore(configuration).AddIdentity().AddClientCredentials(o =>
        {
            o.Authority = new Uri("http://127.0.0.1:1/realms/x");
            o.ClientId = "orders-app";
            o.ClientSecret = "x";
        });
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetService<IAccessTokenProvider>());
    }

    [Fact]
    public async Task A_client_id_without_a_secret_fails_validation_naming_the_key()
    {
        await using var services = IdentityTestHost.Build(new()
        {
            ["AiPlatform:Identity:Authority"] = "http://127.0.0.1:1/realms/x",
            ["AiPlatform:Identity:ClientId"] = "orders-app",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<IdentitySettings>>().Value);

        Assert.Contains("AiPlatform:Identity:ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_description_hides_the_secret()
    {
        var options = new IdentitySettings { ClientId = "orders-app", ClientSecret = "hidden-4711" };

        Assert.DoesNotContain("hidden-4711", options.ToString(), StringComparison.Ordinal);
    }
}
