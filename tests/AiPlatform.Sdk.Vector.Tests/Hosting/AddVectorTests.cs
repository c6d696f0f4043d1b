using AiPlatform.Sdk.Vector.Indexing;
using AiPlatform.Sdk.Vector.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AiPlatform.Sdk.Vector.Tests.Hosting;

public sealed class AddVectorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aip-vector-").FullName;

    [Fact]
    public void The_data_folder_defaults_to_vector_under_the_platform_data_path()
    {
        using var provider = Build(new() { ["AiPlatform:DataPath"] = _folder });

        var engine = provider.GetRequiredService<VectorEngine>();

        Assert.Equal(Path.Combine(_folder, "vector"), engine.DataPath);
    }

    [Fact]
    public void Index_defaults_bind_from_configuration()
    {
        using var provider = Build(new()
        {
            ["AiPlatform:Vector:DataPath"] = _folder,
            ["AiPlatform:Vector:M"] = "24",
            ["AiPlatform:Vector:EfConstruction"] = "200",
            ["AiPlatform:Vector:Metric"] = "Euclidean",
        });

        var options = provider.GetRequiredService<IOptions<VectorSettings>>().Value;

        Assert.Equal((24, 200, DistanceMetric.Euclidean), (options.M, options.EfConstruction, options.Metric));
    }

    [Fact]
    public void An_out_of_range_setting_fails_naming_its_key()
    {
        using var provider = Build(new() { ["AiPlatform:Vector:M"] = "1" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VectorSettings>>().Value);

        Assert.Contains("AiPlatform:Vector:M", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_engine_creates_reopens_lists_and_deletes_named_indexes()
    {
        await using (var provider = Build(new() { ["AiPlatform:Vector:DataPath"] = _folder, ["AiPlatform:Vector:M"] = "8" }))
        {
            var engine = provider.GetRequiredService<VectorEngine>();
            var index = await engine.OpenIndexAsync("docs", 3, metric: DistanceMetric.Euclidean);
            await index.UpsertAsync(1, new float[] { 1, 2, 3 });

            Assert.Same(index, await engine.OpenIndexAsync("docs", 3));
            Assert.Equal(8, ((HnswVectorIndex)index.Index).Parameters.M);
        }

        await using (var provider = Build(new() { ["AiPlatform:Vector:DataPath"] = _folder }))
        {
            var engine = provider.GetRequiredService<VectorEngine>();
            var reopened = await engine.OpenIndexAsync("docs", 3);

            Assert.Equal([1L], reopened.Index.GetIds());
            Assert.Equal(["docs"], engine.ListIndexes());
            Assert.True(await engine.DeleteIndexAsync("docs"));
            Assert.Empty(engine.ListIndexes());
        }
    }

    [Fact]
    public async Task Opening_an_index_with_another_dimension_fails_with_a_mismatch()
    {
        await using var provider = Build(new() { ["AiPlatform:Vector:DataPath"] = _folder });
        var engine = provider.GetRequiredService<VectorEngine>();
        await engine.OpenIndexAsync("docs", 3);

        var error = await Assert.ThrowsAsync<VectorIndexFileException>(() => engine.OpenIndexAsync("docs", 5));

        Assert.Equal(VectorIndexFileProblem.Mismatch, error.Problem);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("..")]
    public async Task An_index_name_that_could_leave_the_data_folder_is_rejected(string name)
    {
        await using var provider = Build(new() { ["AiPlatform:Vector:DataPath"] = _folder });

        var error = await Assert.ThrowsAsync<ArgumentException>(() => provider.GetRequiredService<VectorEngine>().OpenIndexAsync(name, 3));

        Assert.Contains("is invalid", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_check_reports_a_writable_data_folder_as_healthy()
    {
        await using var provider = Build(new() { ["AiPlatform:Vector:DataPath"] = _folder });

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Entries[AiPlatformBuilderVectorExtensions.HealthCheckName].Status);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static ServiceProvider Build(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddAiPlatformCore(configuration).AddVector();
        return services.BuildServiceProvider();
    }
}
