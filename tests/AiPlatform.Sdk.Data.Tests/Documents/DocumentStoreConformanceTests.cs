using AiPlatform.Sdk.Data.Documents;
using AiPlatform.Sdk.Telemetry;
using AiPlatform.Sdk.Testing;

namespace AiPlatform.Sdk.Data.Tests.Documents;

public sealed class DocumentStoreConformanceTests : KeyedConformanceTests<IDocumentStore<Article>, DocumentStoreSettings>
{
    protected override string SettingsPath => DocumentStoreSettings.SectionPath;

    protected override string TelemetryName => AiPlatformTelemetry.Data;

    protected override IReadOnlyDictionary<string, string?> ValidSettings { get; } = new Dictionary<string, string?>
    {
        ["ConnectionString"] = "Host=127.0.0.1;Port=9;Timeout=1",
    };

    protected override (string Key, string Value, Func<DocumentStoreSettings, string?> Read) SampleSetting =>
        ("Database", "other", s => s.Database);

    private static readonly DocumentCollection<Article> Articles = new("articles", TestJsonContext.Default.Article);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<DocumentStoreSettings>? configure) =>
        _ = key is null
            ? builder.AddData(o => o.Documents = configure).AddDocumentCollection(Articles)
            : builder.AddData().AddKeyedDocumentStore(key, configure).AddKeyedDocumentCollection(key, Articles);

    protected override string HealthCheckName(string? key) => key is null ? "aiplatform-documents" : $"aiplatform-documents-{key}";

    protected override Task ExerciseAsync(IDocumentStore<Article> service) => service.GetAsync("a1");
}
