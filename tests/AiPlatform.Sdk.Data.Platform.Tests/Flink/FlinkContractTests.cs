using AiPlatform.Sdk.Data.Platform.Flink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AiPlatform.Sdk.Data.Platform.Tests.Flink;

/// <summary>
/// Every operation of <see cref="IFlinkClient"/> against Prism serving Definitions/flink.yaml (trimmed from apache/flink's
/// docs/static/generated/rest_v1_dispatcher.yml): Prism refuses any request whose path, verb, query, body (the multipart
/// <c>jarfile</c> included) or Basic credentials the definition does not allow, so each call that succeeds was well-formed; the
/// assertions check the answers were read.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class FlinkContractTests(FlinkPrism prism) : IClassFixture<FlinkPrism>
{
    private const string JobId = "8a1e1f6c2b3d4e5f60718293a4b5c6d7";

    [Fact]
    public async Task A_jar_is_uploaded_as_the_multipart_jarfile_and_its_id_returned()
    {
        await using var provider = Build();
        using var jar = new MemoryStream("PK\u0003\u0004 not really a jar"u8.ToArray());

        var id = await provider.GetRequiredService<IFlinkClient>().UploadJarAsync(jar, "wordcount.jar");

        Assert.Equal("5f6c8d3e-6a0b-4b1e-9c1a-0d2e3f4a5b6c_wordcount.jar", id);
    }

    [Fact]
    public async Task Jars_are_listed_with_their_entry_classes()
    {
        await using var provider = Build();

        var jar = Assert.Single(await provider.GetRequiredService<IFlinkClient>().ListJarsAsync());

        Assert.Equal("wordcount.jar", jar.Name);
        Assert.Equal("org.apache.flink.examples.WordCount", Assert.Single(jar.Entries).Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1718000000000), jar.Uploaded);
    }

    [Fact]
    public async Task A_jar_is_run_with_entry_class_arguments_parallelism_and_savepoint()
    {
        await using var provider = Build();

        var job = await provider.GetRequiredService<IFlinkClient>().RunJarAsync("5f6c8d3e-6a0b-4b1e-9c1a-0d2e3f4a5b6c_wordcount.jar", new FlinkJarRunRequest
        {
            EntryClass = "org.apache.flink.examples.WordCount",
            ProgramArgs = ["--input", "s3://raw/books", "--output", "s3://curated/counts"],
            Parallelism = 4,
            SavepointPath = "s3://savepoints/savepoint-8a1e1f-0123456789ab",
            AllowNonRestoredState = true,
        });

        Assert.Equal(JobId, job);
    }

    [Fact]
    public async Task The_jobs_overview_lists_each_job_with_its_state()
    {
        await using var provider = Build();

        var job = Assert.Single(await provider.GetRequiredService<IFlinkClient>().ListJobsAsync());

        Assert.Equal(JobId, job.Id);
        Assert.Equal(FlinkJobState.Running, job.State);
        Assert.Null(job.EndTime);
        Assert.Equal(TimeSpan.FromMinutes(1), job.Duration);
        Assert.Equal(2, job.Tasks["running"]);
    }

    [Fact]
    public async Task A_job_is_read_with_its_vertices()
    {
        await using var provider = Build();

        var job = await provider.GetRequiredService<IFlinkClient>().GetJobAsync(JobId);

        Assert.Equal("WordCount", job.Name);
        Assert.False(job.State.IsTerminal);
        Assert.Equal(2, Assert.Single(job.Vertices).Parallelism);
    }

    [Fact]
    public async Task A_job_is_cancelled()
    {
        await using var provider = Build();

        await provider.GetRequiredService<IFlinkClient>().CancelJobAsync(JobId);
    }

    [Fact]
    public async Task A_jobs_exceptions_are_read_from_the_history()
    {
        await using var provider = Build();

        var exceptions = await provider.GetRequiredService<IFlinkClient>().GetJobExceptionsAsync(JobId, maxExceptions: 5);

        var failure = Assert.Single(exceptions.Entries);
        Assert.Equal("java.lang.RuntimeException", failure.ExceptionName);
        Assert.Equal("Map (1/2)", failure.TaskName);
        Assert.Equal("user", failure.FailureLabels["type"]);
        Assert.StartsWith("java.lang.RuntimeException: bad record", failure.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_savepoint_is_triggered_and_awaited_to_its_location()
    {
        await using var provider = Build();
        var client = provider.GetRequiredService<IFlinkClient>();

        var trigger = await client.TriggerSavepointAsync(JobId, "s3://savepoints", cancelJob: false, FlinkSavepointFormat.Native);
        var status = await client.GetSavepointStatusAsync(JobId, trigger);
        var done = await client.WaitForSavepointAsync(JobId, trigger);

        Assert.Equal("0123456789abcdef0123456789abcdef", trigger);
        Assert.True(status.IsCompleted);
        Assert.Equal("s3://savepoints/savepoint-8a1e1f-0123456789ab", done.Location);
    }

    [Fact]
    public async Task A_job_is_stopped_with_a_savepoint()
    {
        await using var provider = Build();

        var trigger = await provider.GetRequiredService<IFlinkClient>().StopWithSavepointAsync(JobId, "s3://savepoints", drain: true);

        Assert.Equal("fedcba9876543210fedcba9876543210", trigger);
    }

    [Fact]
    public async Task The_readiness_check_reads_the_configuration()
    {
        await using var provider = Build();

        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "aiplatform-flink");

        Assert.Equal(HealthStatus.Healthy, report.Entries["aiplatform-flink"].Status);
    }

    [Fact]
    public async Task Missing_credentials_are_unauthorized()
    {
        await using var provider = Build(PlatformHost.NoCredentials);

        var error = await Assert.ThrowsAsync<AiPlatformUnauthorizedException>(() => provider.GetRequiredService<IFlinkClient>().ListJobsAsync());

        Assert.Equal("flink", error.Service);
        Assert.Equal("ListJobs", error.Operation);
    }

    [Fact]
    public async Task Forbidden_is_mapped()
    {
        await using var provider = Build(PlatformHost.PreferCode(403));

        var error = await Assert.ThrowsAsync<AiPlatformForbiddenException>(() => provider.GetRequiredService<IFlinkClient>().GetJobAsync(JobId));

        Assert.Equal("GetJob", error.Operation);
    }

    [Fact]
    public async Task Not_found_names_the_job_and_keeps_flinks_message()
    {
        await using var provider = Build(PlatformHost.PreferCode(404));

        var error = await Assert.ThrowsAsync<AiPlatformNotFoundException>(() => provider.GetRequiredService<IFlinkClient>().GetJobExceptionsAsync(JobId));

        Assert.Contains($"job {JobId} was not found", error.Message, StringComparison.Ordinal);
        Assert.Equal($"Job {JobId} not found", error.ServerMessage);
    }

    private ServiceProvider Build(Action<HttpRequestMessage>? alter = null) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:Flink:Endpoint"] = prism.BaseAddress.AbsoluteUri,
            ["DataPlatform:Flink:Username"] = "flink-ops",
            ["DataPlatform:Flink:Password"] = "s3cret",
            ["DataPlatform:Flink:PollInterval"] = "00:00:00.001",
        },
        p => p.AddFlink(), "flink", alter);
}
