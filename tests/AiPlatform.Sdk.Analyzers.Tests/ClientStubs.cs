namespace AiPlatform.Sdk.Analyzers.Tests;

/// <summary>Minimal stand-ins for the SDK's settings, Microsoft.Extensions.Configuration and Grpc.Net.Client that AIP1009's test sources use.</summary>
internal static class ClientStubs
{
    public const string Source = """

        namespace AiPlatform.Sdk
        {
            public abstract class RemoteClientSettings
            {
                public System.Uri? Endpoint { get; set; }
                public bool Authenticate { get; set; } = true;
            }
        }

        namespace AiPlatform.Sdk.Serving.Inference
        {
            public sealed class InferenceClientSettings : AiPlatform.Sdk.RemoteClientSettings { public string? Model { get; set; } }
        }

        namespace Microsoft.Extensions.Configuration
        {
            public interface IConfiguration
            {
                string? this[string key] { get; set; }
                IConfigurationSection GetSection(string key);
            }

            public interface IConfigurationSection : IConfiguration { string? Value { get; set; } }

            public static class ConfigurationBinder
            {
                public static T? GetValue<T>(this IConfiguration configuration, string key) => default;
            }
        }

        namespace Grpc.Net.Client
        {
            public sealed class GrpcChannelOptions { public System.Net.Http.HttpClient? HttpClient { get; set; } }

            public sealed class GrpcChannel
            {
                public static GrpcChannel ForAddress(string address) => new GrpcChannel();
                public static GrpcChannel ForAddress(System.Uri address) => new GrpcChannel();
                public static GrpcChannel ForAddress(System.Uri address, GrpcChannelOptions channelOptions) => new GrpcChannel();
            }
        }

        namespace MyApp
        {
            public sealed class PaymentsSettings { public System.Uri? Endpoint { get; set; } }
        }

        """;
}
