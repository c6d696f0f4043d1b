using AiPlatform.Sdk.Testing;
using AiPlatform.Sdk.Telemetry;

namespace AiPlatform.Sdk.Vector.Tests.Hosting;

public sealed class VectorEngineConformanceTests : ConformanceTests<VectorEngine, VectorSettings>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aip-vector-").FullName;

    protected override string SettingsPath => "Vector";

    protected override string TelemetryName => AiPlatformTelemetry.Vector;


    protected override IReadOnlyDictionary<string, string?> ValidSettings => new Dictionary<string, string?> { ["DataPath"] = _folder };

    protected override (string Key, string Value, Func<VectorSettings, string?> Read) SampleSetting =>
        ("EfSearch", "99", s => s.EfSearch.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<VectorSettings>? configure) => builder.AddVector(configure);

    protected override string HealthCheckName(string? key) => AiPlatformBuilderVectorExtensions.HealthCheckName;

    protected override async Task ExerciseAsync(VectorEngine service) =>
        await service.OpenIndexAsync($"exercise-{Guid.NewGuid():N}", 4);
}
