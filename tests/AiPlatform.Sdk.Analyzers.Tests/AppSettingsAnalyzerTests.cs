using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class AppSettingsAnalyzerTests
{
    private const string Program = "class Program { }";

    private static Task VerifyAsync((string Name, string Content)[] files, params DiagnosticResult[] expected) =>
        AnalyzerTest<AppSettingsAnalyzer>.VerifyAsync(Program, files, expected);

    private static DiagnosticResult Unknown(int marker, string path, string? suggestion) =>
        AnalyzerTest<AppSettingsAnalyzer>.Diagnostic(DiagnosticIds.UnknownSetting).WithLocation(marker)
            .WithArguments(path, suggestion == null ? string.Empty : "; did you mean '" + suggestion + "'?");

    private static DiagnosticResult Invalid(int marker, string path, string expected, string found) =>
        AnalyzerTest<AppSettingsAnalyzer>.Diagnostic(DiagnosticIds.InvalidSettingValue).WithLocation(marker).WithArguments(path, expected, found);

    private static DiagnosticResult Secret(int marker, string path) =>
        AnalyzerTest<AppSettingsAnalyzer>.Diagnostic(DiagnosticIds.SecretInSettingsFile).WithLocation(marker).WithArguments(path, path.Replace(":", "__"));

    private static DiagnosticResult NoScheme(int marker, string path, string value) =>
        AnalyzerTest<AppSettingsAnalyzer>.Diagnostic(DiagnosticIds.EndpointWithoutScheme).WithLocation(marker).WithArguments(path, value, "http://" + value);

    [Fact]
    public Task A_realistic_valid_file_with_comments_arrays_and_keyed_sections_is_clean() => VerifyAsync(
    [
        ("appsettings.json", """
            // The reference host's settings.
            {
              "Logging": { "LogLevel": { "Default": "Information", } },
              "ConnectionStrings": { "orders": "Host=db;Database=orders;Username=app" },
              "AiPlatform": {
                /* Everything embedded except inference. */
                "DataPath": "data",
                "serviceName": "orders", // keys are case-insensitive
                "Resilience": { "TotalTimeout": "00:01:00", "MaxRetryAttempts": 5, "CircuitBreakerFailureRatio": 0.25 },
                "Identity": {
                  "Authority": "https://keycloak/realms/ai",
                  "ClientId": "orders",
                  "ClientSecret": "",
                  "Scopes": [ "models.read", "models.write", ],
                  "Vault": { "Endpoint": "https://vault:8200", "AuthMethod": "kubernetes", "Token": "${VAULT_TOKEN}" }
                },
                "Data": {
                  "ObjectStore": {
                    "Endpoint": "http://minio:9000",
                    "UseSsl": "false",
                    "raw": { "Endpoint": "http://minio-raw:9000", "Region": "eu-west-1" },
                    "curated": { "Path": "curated" }
                  },
                  "Redis": { "ConnectionString": "redis:6379,abortConnect=false" }
                },
                "Vector": { "Kind": "Hnsw", "Metric": "Cosine", "M": "32", "Weaviate": { "Endpoint": "http://weaviate:8080", "docs": { "Tenant": "a" } } },
                "Serving": {
                  "Embeddings": { "BatchSize": 32, "Pooling": "Mean", "search": { "Endpoint": "http://triton:8001" } },
                  "Onnx": { "ExecutionProvider": "Cuda", "DeviceId": 0 },
                  "Inference": { "Endpoint": "grpc://triton:8001", "Protocol": "Grpc", "fraud": { "Endpoint": "http://fraud:8000" } }
                },
                "Server": {
                  "Authentication": {
                    "AllowAnonymous": true,
                    "Clients": [ { "ClientId": "ci", "Roles": [ "reader" ] }, { "ClientId": "admin", "Roles": [ "admin", "writer" ] } ]
                  }
                }
              }
            }
            """),
    ]);

    [Fact]
    public Task A_misspelt_key_is_reported_with_the_closest_known_name() => VerifyAsync(
    [
        ("appsettings.json", """
            {
              "AiPlatform": {
                "Serving": {
                  {|#0:"Embedings"|}: { "BatchSize": 16 }
                },
                "Resilience": { {|#1:"MaxRetries"|}: 3 },
                {|#2:"Telemetry"|}: { "Enabled": true }
              }
            }
            """),
    ],
    Unknown(0, "AiPlatform:Serving:Embedings", "AiPlatform:Serving:Embeddings"),
    Unknown(1, "AiPlatform:Resilience:MaxRetries", null),
    Unknown(2, "AiPlatform:Telemetry", null));

    [Fact]
    public Task A_misspelt_key_inside_a_keyed_client_section_is_reported() => VerifyAsync(
    [
        ("appsettings.Development.json", """
            {
              "AiPlatform": {
                "Data": {
                  "ObjectStore": {
                    "raw": { {|#0:"Endpont"|}: "http://localhost:9000", "Region": "local" }
                  }
                },
                "Identity": { "Vault": { "team-a": { {|#1:"KvMoutn"|}: "kv" } } }
              }
            }
            """),
    ],
    Unknown(0, "AiPlatform:Data:ObjectStore:raw:Endpont", "AiPlatform:Data:ObjectStore:raw:Endpoint"),
    Unknown(1, "AiPlatform:Identity:Vault:team-a:KvMoutn", "AiPlatform:Identity:Vault:team-a:KvMount"));

    [Fact]
    public Task Values_the_binder_cannot_convert_are_reported() => VerifyAsync(
    [
        ("appsettings.json", """
            {
              "AiPlatform": {
                "Resilience": { "MaxRetryAttempts": {|#0:"three"|}, "AttemptTimeout": {|#1:30|} },
                "Vector": { "Metric": {|#2:"Cosin"|}, "Quantize": {|#3:"yes"|}, "M": {|#4:16.5|} },
                "Identity": { "Scopes": {|#5:"models.read"|} },
                "Data": {|#6:"embedded"|}
              }
            }
            """),
    ],
    Invalid(0, "AiPlatform:Resilience:MaxRetryAttempts", "an integer", "'three'"),
    Invalid(1, "AiPlatform:Resilience:AttemptTimeout", "a time span such as 00:00:30", "30"),
    Invalid(2, "AiPlatform:Vector:Metric", "one of Cosine, DotProduct, Euclidean", "'Cosin'"),
    Invalid(3, "AiPlatform:Vector:Quantize", "true or false", "'yes'"),
    Invalid(4, "AiPlatform:Vector:M", "an integer", "16.5"),
    Invalid(5, "AiPlatform:Identity:Scopes", "an array", "'models.read'"),
    Invalid(6, "AiPlatform:Data", "a section", "'embedded'"));

    [Fact]
    public Task Secrets_in_plain_text_are_reported_in_every_environment_file() => VerifyAsync(
    [
        ("appsettings.json", """
            {
              "ConnectionStrings": { "orders": {|#0:"Host=db;Username=app;Password=hunter2"|} },
              "AiPlatform": {
                "Identity": { "ClientSecret": {|#1:"s3cr3t"|}, "Vault": { "Token": {|#2:"hvs.CAESI"|} } },
                "Data": { "Redis": { "ConnectionString": {|#3:"redis:6379,password=p@ss"|} } }
              }
            }
            """),
        ("appsettings.Development.json", """
            {
              "AiPlatform": {
                "Data": { "ObjectStore": { "dev": { "SecretKey": {|#4:"minioadmin"|} } } },
                "Serving": { "TorchServe": { "ManagementKey": {|#5:"abc123"|}, "Endpoint": {|#6:"http://admin:pw@torchserve:8081"|} } },
                "Server": { "Authentication": { "Clients": [ { "ClientId": "ci", "ClientSecret": {|#7:"ci-secret"|} } ] } }
              }
            }
            """),
    ],
    Secret(0, "ConnectionStrings:orders"),
    Secret(1, "AiPlatform:Identity:ClientSecret"),
    Secret(2, "AiPlatform:Identity:Vault:Token"),
    Secret(3, "AiPlatform:Data:Redis:ConnectionString"),
    Secret(4, "AiPlatform:Data:ObjectStore:dev:SecretKey"),
    Secret(5, "AiPlatform:Serving:TorchServe:ManagementKey"),
    Secret(6, "AiPlatform:Serving:TorchServe:Endpoint"),
    Secret(7, "AiPlatform:Server:Authentication:Clients:0:ClientSecret"));

    [Fact]
    public Task A_secret_under_a_misspelt_key_is_still_reported() => VerifyAsync(
    [
        ("appsettings.json", """
            { "AiPlatform": { "Identity": { {|#0:"ClientSecrett"|}: {|#1:"s3cr3t"|} } } }
            """),
    ],
    Unknown(0, "AiPlatform:Identity:ClientSecrett", "AiPlatform:Identity:ClientSecret"),
    Secret(1, "AiPlatform:Identity:ClientSecrett"));

    [Fact]
    public Task Endpoints_without_a_scheme_are_reported() => VerifyAsync(
    [
        ("appsettings.json", """
            {
              "AiPlatform": {
                "Serving": { "Inference": { "Endpoint": {|#0:"triton:8001"|}, "fraud": { "Endpoint": {|#1:"fraud.internal"|} } } },
                "Identity": { "Opa": { "Endpoint": {|#2:"localhost:8181"|} } }
              }
            }
            """),
    ],
    NoScheme(0, "AiPlatform:Serving:Inference:Endpoint", "triton:8001"),
    NoScheme(1, "AiPlatform:Serving:Inference:fraud:Endpoint", "fraud.internal"),
    NoScheme(2, "AiPlatform:Identity:Opa:Endpoint", "localhost:8181"));

    [Fact]
    public Task Placeholders_empty_secrets_and_other_sections_are_not_reported() => VerifyAsync(
    [
        ("appsettings.Production.json", """
            {
              "Jwt": { "Password": "not-ours", "Endpoint": "localhost" },
              "ConnectionStrings": { "orders": "Host=db;Password=", "cache": "redis:6379" },
              "AiPlatform": {
                "Identity": { "ClientSecret": "<from-vault>", "Vault": { "SecretId": "#{VaultSecretId}#", "Token": null } },
                "Data": { "ObjectStore": { "SecretKey": "%MINIO_SECRET%", "AccessKey": "minio", "raw": { "SecretKey": "..." } } }
              }
            }
            """),
    ]);

    [Fact]
    public Task Files_that_are_not_appsettings_or_not_json_are_ignored() => VerifyAsync(
    [
        ("settings.json", """{ "AiPlatform": { "Unknown": 1, "Identity": { "ClientSecret": "s3cr3t" } } }"""),
        ("appsettings.yaml", "AiPlatform: { Unknown: 1 }"),
        ("appsettings.Broken.json", """{ "AiPlatform": { "Unknown": """),
    ]);
}
