using Microsoft.CodeAnalysis.Testing;

namespace AiPlatform.Sdk.Analyzers.Tests;

public sealed class HandBuiltClientAnalyzerTests
{
    private const string Usings = """
        using System;
        using System.Net.Http;
        using AiPlatform.Sdk.Serving.Inference;
        using Grpc.Net.Client;
        using Microsoft.Extensions.Configuration;
        using MyApp;

        """;

    private const string HttpRegistration = "AddPlatformHttpClient<TSettings>";

    private const string GrpcRegistration = "AddPlatformGrpcClient<TClient, TSettings>";

    private static DiagnosticResult HandBuilt(int marker, string client, string address, string registration) =>
        AnalyzerTest<HandBuiltClientAnalyzer>.Diagnostic(DiagnosticIds.HandBuiltClient).WithLocation(marker).WithArguments(client, address, registration);

    private static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerTest<HandBuiltClientAnalyzer>.VerifyAsync(Usings + source + ClientStubs.Source, expected);

    [Fact]
    public Task A_new_HttpClient_whose_base_address_is_an_sdk_setting_is_reported() => VerifyAsync("""
        class App
        {
            HttpClient Create(InferenceClientSettings settings) => {|#0:new HttpClient { BaseAddress = settings.Endpoint }|};

            HttpClient CreateWithHandler(InferenceClientSettings settings, HttpMessageHandler handler) =>
                {|#1:new HttpClient(handler) { BaseAddress = new Uri(settings.Endpoint!, "v2/") }|};
        }
        """,
        HandBuilt(0, "new HttpClient", "settings.Endpoint", HttpRegistration),
        HandBuilt(1, "new HttpClient", "new Uri(settings.Endpoint!, \"v2/\")", HttpRegistration));

    [Fact]
    public Task A_base_address_read_from_configuration_under_AiPlatform_is_reported() => VerifyAsync("""
        class App
        {
            const string Key = "AiPlatform:Serving:TorchServe:Endpoint";

            HttpClient Create(IConfiguration configuration)
            {
                HttpClient client = {|#0:new() { BaseAddress = new Uri(configuration[Key]!) }|};
                return client;
            }

            HttpClient CreateFromSection(IConfiguration configuration) =>
                {|#1:new HttpClient { BaseAddress = configuration.GetSection("aiplatform:Serving:Inference").GetValue<Uri>("Endpoint") }|};
        }
        """,
        HandBuilt(0, "new HttpClient", "new Uri(configuration[Key]!)", HttpRegistration),
        HandBuilt(1, "new HttpClient", "configuration.GetSection(\"aiplatform:Serving:Inference\")....", HttpRegistration));

    [Fact]
    public Task A_base_address_set_on_the_new_client_later_is_reported_through_locals() => VerifyAsync("""
        class App
        {
            HttpClient Create(IConfiguration configuration)
            {
                var endpoint = configuration["AiPlatform:Serving:Inference:Endpoint"];
                var uri = new Uri(endpoint!);
                var http = {|#0:new HttpClient()|};
                http.Timeout = TimeSpan.FromSeconds(10);
                http.BaseAddress = uri;
                return http;
            }
        }
        """,
        HandBuilt(0, "new HttpClient", "uri", HttpRegistration));

    [Fact]
    public Task A_client_built_in_top_level_statements_is_reported() =>
        AnalyzerTest<HandBuiltClientAnalyzer>.VerifyProgramAsync(Usings + """
            IConfiguration configuration = null!;
            var http = {|#0:new HttpClient()|};
            http.BaseAddress = new Uri(configuration["AiPlatform:Serving:Inference:Endpoint"]!);
            """ + ClientStubs.Source,
            HandBuilt(0, "new HttpClient", "new Uri(configuration[\"AiPlatform:Serving:Inference:Endpo...", HttpRegistration));

    [Fact]
    public Task A_grpc_channel_for_an_sdk_endpoint_is_reported() => VerifyAsync("""
        class App
        {
            GrpcChannel Open(InferenceClientSettings settings) => {|#0:GrpcChannel.ForAddress(settings.Endpoint!)|};

            GrpcChannel OpenWithOptions(IConfiguration configuration) =>
                {|#1:GrpcChannel.ForAddress(configuration.GetValue<Uri>("AiPlatform:Serving:Inference:Endpoint")!, new GrpcChannelOptions())|};
        }
        """,
        HandBuilt(0, "GrpcChannel.ForAddress", "settings.Endpoint", GrpcRegistration),
        HandBuilt(1, "GrpcChannel.ForAddress", "configuration.GetValue<Uri>(\"AiPlatform:Serving:Inference...", GrpcRegistration));

    [Fact]
    public Task Clients_for_addresses_that_are_not_the_platform_s_are_not_reported() => VerifyAsync("""
        class App
        {
            HttpClient Literal() => new HttpClient { BaseAddress = new Uri("https://api.example.com") };

            HttpClient OtherSection(IConfiguration configuration) => new HttpClient { BaseAddress = new Uri(configuration["Payments:Endpoint"]!) };

            HttpClient OtherSettings(PaymentsSettings payments) => new HttpClient { BaseAddress = payments.Endpoint };

            GrpcChannel Local() => GrpcChannel.ForAddress("http://localhost:5000");

            GrpcChannel Given(Uri address) => GrpcChannel.ForAddress(address);
        }
        """);

    [Fact]
    public Task An_HttpClient_without_a_platform_base_address_is_not_reported() => VerifyAsync("""
        class App
        {
            async System.Threading.Tasks.Task<string> Fetch(InferenceClientSettings settings)
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                return await http.GetStringAsync(new Uri(settings.Endpoint!, "v2/health/ready"));
            }

            HttpClient Plain() => new HttpClient();
        }
        """);

    [Fact]
    public Task A_client_that_was_not_built_here_is_not_reported() => VerifyAsync("""
        class App
        {
            void Configure(HttpClient client, InferenceClientSettings settings) => client.BaseAddress = settings.Endpoint;

            HttpClient Other(InferenceClientSettings settings)
            {
                var created = new HttpClient();
                var given = Given();
                given.BaseAddress = settings.Endpoint;
                return created;
            }

            HttpClient Given() => new HttpClient();
        }
        """);
}
