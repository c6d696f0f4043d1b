namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class HardCodedSecretAnalyzerTests
{
    private const string Settings = SettingsStubs.Source + """
        namespace Other
        {
            public sealed class Login { public string? Password { get; set; } }
        }
        """;

    [Fact]
    public Task Literal_client_secret_is_reported()
    {
        var source = Settings + """
            class App
            {
                void Configure(AiPlatform.Sdk.Identity.IdentitySettings o)
                {
                    o.ClientId = "orders-app";
                    {|#0:o.ClientSecret = "s3cr3t"|};
                }
            }
            """;

        return AnalyzerTest<HardCodedSecretAnalyzer>.VerifyAsync(
            source, AnalyzerTest<HardCodedSecretAnalyzer>.Diagnostic(DiagnosticIds.HardCodedSecret).WithLocation(0).WithArguments("ClientSecret"));
    }

    [Fact]
    public Task Secret_from_configuration_and_foreign_types_are_not_reported()
    {
        var source = Settings + """
            class App
            {
                void Configure(AiPlatform.Sdk.Identity.IdentitySettings o, Other.Login login, System.Func<string, string?> config)
                {
                    o.ClientSecret = config("AiPlatform:Identity:ClientSecret");
                    o.ClientSecret = "";
                    login.Password = "not ours";
                }
            }
            """;

        return AnalyzerTest<HardCodedSecretAnalyzer>.VerifyAsync(source);
    }

    [Fact]
    public Task Literals_in_object_initializers_and_other_secret_names_are_reported()
    {
        var source = Settings + """
            class App
            {
                object Configure() => new AiPlatform.Sdk.Identity.VaultSettings { {|#0:Token = "hvs.x"|}, {|#1:SecretId = "id"|} };
            }
            """;

        return AnalyzerTest<HardCodedSecretAnalyzer>.VerifyAsync(
            source,
            AnalyzerTest<HardCodedSecretAnalyzer>.Diagnostic(DiagnosticIds.HardCodedSecret).WithLocation(0).WithArguments("Token"),
            AnalyzerTest<HardCodedSecretAnalyzer>.Diagnostic(DiagnosticIds.HardCodedSecret).WithLocation(1).WithArguments("SecretId"));
    }
}
