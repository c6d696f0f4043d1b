namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class AppSettingsCodeFixTests
{
    [Fact]
    public Task A_misspelt_key_in_nested_sections_is_renamed_and_the_comments_kept() =>
        AppSettingsCodeFixTest.VerifyAsync(DiagnosticIds.UnknownSetting, "appsettings.json",
            """
            // The reference host's settings.
            {
              "AiPlatform": {
                "Serving": {
                  /* batching for the search index */
                  "Embedings": { "BatchSize": 32 }, // tuned on the A100s
                  "Onnx": { "DeviceId": 0 }
                }
              }
            }
            """,
            """
            // The reference host's settings.
            {
              "AiPlatform": {
                "Serving": {
                  /* batching for the search index */
                  "Embeddings": { "BatchSize": 32 }, // tuned on the A100s
                  "Onnx": { "DeviceId": 0 }
                }
              }
            }
            """);

    [Fact]
    public Task Keys_of_keyed_client_sub_sections_are_renamed_in_an_environment_file() =>
        AppSettingsCodeFixTest.VerifyAsync(DiagnosticIds.UnknownSetting, "appsettings.Development.json",
            """
            {
              "AiPlatform": {
                "Data": { "ObjectStore": { "raw": { "Endpont": "http://localhost:9000", "Region": "local" } } },
                "Identity": { "Vault": { "team-a": { "KvMoutn": "kv" } } }
              }
            }
            """,
            """
            {
              "AiPlatform": {
                "Data": { "ObjectStore": { "raw": { "Endpoint": "http://localhost:9000", "Region": "local" } } },
                "Identity": { "Vault": { "team-a": { "KvMount": "kv" } } }
              }
            }
            """);

    [Fact]
    public async Task A_rename_is_titled_with_the_key_and_not_offered_without_a_suggestion()
    {
        var titles = await AppSettingsCodeFixTest.TitlesAsync(DiagnosticIds.UnknownSetting, "appsettings.Production.json", """
            { "AiPlatform": { "Resilience": { "MaxRetryAtempts": 3, "MaxRetries": 3 }, "Telemetry": { "Enabled": true } } }
            """);

        Assert.Equal([["Rename the key to 'MaxRetryAttempts'"], [], []], titles);
    }

    [Fact]
    public Task An_endpoint_in_nested_sections_gets_the_http_scheme_and_the_comments_are_kept() =>
        AppSettingsCodeFixTest.VerifyAsync(DiagnosticIds.EndpointWithoutScheme, "appsettings.json",
            """
            {
              "AiPlatform": {
                // Triton in the same pod.
                "Serving": { "Inference": { "Endpoint": "triton:8001" /* gRPC port */, "Protocol": "Grpc" } }
              }
            }
            """,
            """
            {
              "AiPlatform": {
                // Triton in the same pod.
                "Serving": { "Inference": { "Endpoint": "http://triton:8001" /* gRPC port */, "Protocol": "Grpc" } }
              }
            }
            """);

    [Fact]
    public Task Endpoints_of_keyed_clients_in_an_environment_file_get_https_when_chosen() =>
        AppSettingsCodeFixTest.VerifyAsync(DiagnosticIds.EndpointWithoutScheme, "appsettings.Production.json",
            """
            {
              "AiPlatform": {
                "Serving": { "Inference": { "fraud": { "Endpoint": "fraud.internal" } } },
                "Identity": { "Authority": " keycloak/realms/ai" }
              }
            }
            """,
            """
            {
              "AiPlatform": {
                "Serving": { "Inference": { "fraud": { "Endpoint": "https://fraud.internal" } } },
                "Identity": { "Authority": "https://keycloak/realms/ai" }
              }
            }
            """,
            title: "Write 'https://");

    [Fact]
    public async Task An_endpoint_is_offered_both_schemes()
    {
        var titles = await AppSettingsCodeFixTest.TitlesAsync(DiagnosticIds.EndpointWithoutScheme, "appsettings.json", """
            { "AiPlatform": { "Identity": { "Opa": { "Endpoint": "localhost:8181" } } } }
            """);

        Assert.Equal([["Write 'http://localhost:8181'", "Write 'https://localhost:8181'"]], titles);
    }

    [Fact]
    public Task A_misspelt_enumeration_value_becomes_the_closest_name_and_other_wrong_types_are_left() =>
        AppSettingsCodeFixTest.VerifyAsync(DiagnosticIds.InvalidSettingValue, "appsettings.Staging.json",
            """
            { "AiPlatform": { "Vector": { "Metric": "Cosin", "M": 16.5 }, "Resilience": { "MaxRetryAttempts": "three" } } }
            """,
            """
            { "AiPlatform": { "Vector": { "Metric": "Cosine", "M": 16.5 }, "Resilience": { "MaxRetryAttempts": "three" } } }
            """);

    [Fact]
    public Task Secrets_in_nested_sections_are_emptied_and_the_comments_kept() =>
        AppSettingsCodeFixTest.VerifyAsync(DiagnosticIds.SecretInSettingsFile, "appsettings.json",
            """
            {
              "AiPlatform": {
                "Identity": {
                  "ClientId": "orders",
                  "ClientSecret": "s3cr3t", // rotated monthly
                  /* the dev Vault */
                  "Vault": { "Token": "hvs.CAESI" }
                }
              }
            }
            """,
            """
            {
              "AiPlatform": {
                "Identity": {
                  "ClientId": "orders",
                  "ClientSecret": "", // rotated monthly
                  /* the dev Vault */
                  "Vault": { "Token": "" }
                }
              }
            }
            """);

    [Fact]
    public Task Secrets_of_keyed_clients_and_connection_strings_in_an_environment_file_are_emptied() =>
        AppSettingsCodeFixTest.VerifyAsync(DiagnosticIds.SecretInSettingsFile, "appsettings.Development.json",
            """
            {
              "ConnectionStrings": { "orders": "Host=db;Username=app;Password=hunter2" },
              "AiPlatform": { "Data": { "ObjectStore": { "dev": { "AccessKey": "minio", "SecretKey": "minioadmin" } } } }
            }
            """,
            """
            {
              "ConnectionStrings": { "orders": "" },
              "AiPlatform": { "Data": { "ObjectStore": { "dev": { "AccessKey": "minio", "SecretKey": "" } } } }
            }
            """);

    [Fact]
    public async Task The_title_gives_the_user_secrets_command_for_the_key_the_binder_reads_and_never_the_value()
    {
        var titles = await AppSettingsCodeFixTest.TitlesAsync(DiagnosticIds.SecretInSettingsFile, "appsettings.json", """
            { "AiPlatform": { "Identity": { "ClientSecret": "s3cr3t", "ClientSecrett": "t0ps3cr3t" } } }
            """);

        Assert.Equal(
            [
                ["Empty the value and keep it in user secrets: dotnet user-secrets set \"AiPlatform:Identity:ClientSecret\" <value>"],
                ["Empty the value and keep it in user secrets: dotnet user-secrets set \"AiPlatform:Identity:ClientSecret\" <value>"],
            ],
            titles);
    }
}
