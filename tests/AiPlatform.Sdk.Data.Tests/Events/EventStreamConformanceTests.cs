using AiPlatform.Sdk.Data.Events;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Data.Tests.Events;

public sealed class EventStreamConformanceTests : KeyedConformanceTests<IEventStream, EventStreamSettings>
{
    protected override string SettingsPath => EventStreamSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Data;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } = new Dictionary<string, string?>
    {
        ["ConnectionString"] = "127.0.0.1:9",
        ["PublishTimeout"] = "00:00:01",
    };

    protected override (string Key, string Value, Func<EventStreamSettings, string?> Read) SampleSetting =>
        ("DeadLetterSuffix", ".dlq", s => s.DeadLetterSuffix);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<EventStreamSettings>? configure) =>
        _ = key is null ? builder.AddData(o => o.Events = configure) : builder.AddData().AddKeyedEventStream(key, configure);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-events" : $"aiplatform-events-{key}";

    protected override Task ExerciseAsync(IEventStream service) =>
        service.PublishAsync("conformance", new StreamEvent { Type = "Test", Payload = "{}"u8.ToArray() });
}
