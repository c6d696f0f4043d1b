using AiPlatform.Sdk.Data.Platform.KafkaConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AiPlatform.Sdk.Data.Platform.Tests.KafkaConnect;

/// <summary>The registration conformance of the Kafka Connect client, default and keyed.</summary>
public sealed class KafkaConnectConformanceTests : DataPlatformConformanceTests<IKafkaConnectClient, KafkaConnectSettings>
{
    protected override string Part => "kafka-connect";

    protected override string SettingsPath => KafkaConnectSettings.SectionPath;

    protected override (string Key, string Value, Func<KafkaConnectSettings, string?> Read) SampleSetting => ("Username", "connect-admin", s => s.Username);

    protected override void MapFake(WebApplication app) =>
        app.MapGet("/", () => Results.Text("""{"version":"3.9.0","commit":"c","kafka_cluster_id":"k"}""", "application/json"));

    protected override void Register(AiPlatformBuilder builder, string? key, Action<KafkaConnectSettings>? configure) =>
        _ = key is null ? builder.AddKafkaConnect(configure) : builder.AddKeyedKafkaConnect(key, configure);

    protected override Task ExerciseAsync(IKafkaConnectClient service) => service.GetClusterInfoAsync();
}
