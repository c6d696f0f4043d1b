using AiPlatform.Sdk.Data.Platform.KafkaConnect;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Data.Platform.Tests.KafkaConnect;

/// <summary>The registration conformance of the Kafka Connect client, default and keyed.</summary>
public sealed class KafkaConnectConformanceTests : KeyedConformanceTests<IKafkaConnectClient, KafkaConnectSettings>, IAsyncLifetime
{
    private KestrelTestServer? _server;

    protected override string SettingsPath => KafkaConnectSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Data;

    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?>
    {
        ["Endpoint"] = _server!.BaseAddress.ToString(),
    };

    protected override (string Key, string Value, Func<KafkaConnectSettings, string?> Read) SampleSetting => ("Username", "connect-admin", s => s.Username);

    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync(app =>
        app.MapGet("/", () => Results.Text("""{"version":"3.9.0","commit":"c","kafka_cluster_id":"k"}""", "application/json")));

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    protected override void Register(AiPlatformBuilder builder, string? key, Action<KafkaConnectSettings>? configure)
    {
        if (key is null)
        {
            builder.AddKafkaConnect(configure);
        }
        else
        {
            builder.AddKeyedKafkaConnect(key, configure);
        }
    }

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-kafka-connect" : $"aiplatform-kafka-connect-{key}";

    protected override Task ExerciseAsync(IKafkaConnectClient service) => service.GetClusterInfoAsync();
}
