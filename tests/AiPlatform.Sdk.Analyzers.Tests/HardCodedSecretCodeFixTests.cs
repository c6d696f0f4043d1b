using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class HardCodedSecretCodeFixTests
{
    private const string Stubs = "\n" + SettingsStubs.Source + """
        namespace AiPlatform.Sdk.Widgets
        {
            public sealed class WidgetSettings { public string? ApiKey { get; set; } }
        }
        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration { string? this[string key] { get; set; } }
            public interface IConfigurationManager : IConfiguration { }
        }
        public sealed class AppBuilder
        {
            public Microsoft.Extensions.Configuration.IConfigurationManager Configuration { get; } = null!;
            public AppBuilder AddIdentity(System.Action<AiPlatform.Sdk.Identity.IdentitySettings> configure) => this;
        }
        """;

    private static DiagnosticResult Secret(int marker, string property) =>
        AnalyzerTest<HardCodedSecretAnalyzer>.Diagnostic(DiagnosticIds.HardCodedSecret).WithLocation(marker).WithArguments(property);

    [Fact]
    public Task With_a_configuration_in_scope_the_literal_becomes_a_read_of_the_key() =>
        CodeFixTest<HardCodedSecretAnalyzer, HardCodedSecretCodeFixProvider>.VerifyAsync(
            """
            using AiPlatform.Sdk.Identity;
            using Microsoft.Extensions.Configuration;

            class App
            {
                void Configure(IdentitySettings o, IConfiguration configuration)
                {
                    o.ClientId = "orders-app";
                    {|#0:o.ClientSecret = "s3cr3t"|};
                }
            }
            """ + Stubs,
            """
            using AiPlatform.Sdk.Identity;
            using Microsoft.Extensions.Configuration;

            class App
            {
                void Configure(IdentitySettings o, IConfiguration configuration)
                {
                    o.ClientId = "orders-app";
                    // Set outside the code: dotnet user-secrets set "AiPlatform:Identity:ClientSecret" "<value>", or the environment variable AiPlatform__Identity__ClientSecret
                    o.ClientSecret = configuration["AiPlatform:Identity:ClientSecret"];
                }
            }
            """ + Stubs,
            Secret(0, "ClientSecret"));

    [Fact]
    public Task A_builder_configuration_is_read_in_a_lambda() =>
        CodeFixTest<HardCodedSecretAnalyzer, HardCodedSecretCodeFixProvider>.VerifyAsync(
            """
            class Program
            {
                static void Main(AppBuilder builder)
                {
                    builder.AddIdentity(o => {|#0:o.ClientSecret = "s3cr3t"|});
                }
            }
            """ + Stubs,
            """
            class Program
            {
                static void Main(AppBuilder builder)
                {
                    // Set outside the code: dotnet user-secrets set "AiPlatform:Identity:ClientSecret" "<value>", or the environment variable AiPlatform__Identity__ClientSecret
                    builder.AddIdentity(o => o.ClientSecret = builder.Configuration["AiPlatform:Identity:ClientSecret"]);
                }
            }
            """ + Stubs,
            Secret(0, "ClientSecret"));

    [Fact]
    public Task Without_a_configuration_the_assignment_is_removed_and_the_command_left_in_its_place() =>
        CodeFixTest<HardCodedSecretAnalyzer, HardCodedSecretCodeFixProvider>.VerifyAsync(
            """
            using AiPlatform.Sdk.Identity;

            class App
            {
                IdentitySettings Configure(IdentitySettings o)
                {
                    o.ClientId = "orders-app";
                    {|#0:o.ClientSecret = "s3cr3t"|};
                    return o;
                }
            }
            """ + Stubs,
            """
            using AiPlatform.Sdk.Identity;

            class App
            {
                IdentitySettings Configure(IdentitySettings o)
                {
                    o.ClientId = "orders-app";
                    // Set outside the code: dotnet user-secrets set "AiPlatform:Identity:ClientSecret" "<value>", or the environment variable AiPlatform__Identity__ClientSecret
                    return o;
                }
            }
            """ + Stubs,
            Secret(0, "ClientSecret"));

    [Fact]
    public Task A_top_level_statement_is_removed_too() =>
        CodeFixTest<HardCodedSecretAnalyzer, HardCodedSecretCodeFixProvider>.VerifyProgramAsync(
            """
            var identity = new AiPlatform.Sdk.Identity.IdentitySettings();
            {|#0:identity.ClientSecret = "s3cr3t"|};
            System.Console.WriteLine(identity.ClientId);
            """ + Stubs,
            """
            var identity = new AiPlatform.Sdk.Identity.IdentitySettings();
            // Set outside the code: dotnet user-secrets set "AiPlatform:Identity:ClientSecret" "<value>", or the environment variable AiPlatform__Identity__ClientSecret
            System.Console.WriteLine(identity.ClientId);
            """ + Stubs,
            Secret(0, "ClientSecret"));

    [Fact]
    public Task Members_of_an_object_initializer_are_removed_with_one_command_each() =>
        CodeFixTest<HardCodedSecretAnalyzer, HardCodedSecretCodeFixProvider>.VerifyAsync(
            """
            using AiPlatform.Sdk.Identity;

            class App
            {
                VaultSettings Configure()
                {
                    var vault = new VaultSettings { {|#0:Token = "hvs.x"|}, {|#1:SecretId = "id"|} };
                    return vault;
                }
            }
            """ + Stubs,
            """
            using AiPlatform.Sdk.Identity;

            class App
            {
                VaultSettings Configure()
                {
                    // Set outside the code: dotnet user-secrets set "AiPlatform:Identity:Vault:Token" "<value>", or the environment variable AiPlatform__Identity__Vault__Token
                    // Set outside the code: dotnet user-secrets set "AiPlatform:Identity:Vault:SecretId" "<value>", or the environment variable AiPlatform__Identity__Vault__SecretId
                    var vault = new VaultSettings { };
                    return vault;
                }
            }
            """ + Stubs,
            Secret(0, "Token"),
            Secret(1, "SecretId"));

    [Fact]
    public Task No_fix_without_a_known_key_or_a_place_to_remove_the_assignment_from() =>
        CodeFixTest<HardCodedSecretAnalyzer, HardCodedSecretCodeFixProvider>.VerifyNoFixAsync(
            """
            class Program
            {
                static void Main(AiPlatform.Sdk.Widgets.WidgetSettings widget)
                {
                    System.Action<AiPlatform.Sdk.Identity.IdentitySettings> configure = o => {|#0:o.ClientSecret = "s3cr3t"|};
                    {|#1:widget.ApiKey = "k"|};
                }
            }
            """ + Stubs,
            Secret(0, "ClientSecret"),
            Secret(1, "ApiKey"));
}
