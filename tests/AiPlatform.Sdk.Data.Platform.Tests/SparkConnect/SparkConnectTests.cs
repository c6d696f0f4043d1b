using AiPlatform.Sdk.Data.Platform.SparkConnect;
using AiPlatform.Sdk.Data.Platform.SparkConnect.Protocol;
using AiPlatform.Sdk.Testing;
using Apache.Arrow;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.SparkConnect;

/// <summary>
/// <see cref="ISparkConnectClient"/> against <see cref="SparkConnectFake"/>, an in-process Grpc.AspNetCore server of
/// <c>spark.connect.SparkConnectService</c> (the trimmed official protos) answering with real Arrow IPC batches.
/// </summary>
[Trait("Kind", "Contract")]
public sealed class SparkConnectContractTests : IAsyncLifetime
{
    private const string Query = "SELECT id, name FROM people ORDER BY id";

    private readonly SparkConnectFake _fake = new();
    private KestrelTestServer? _server;
    private ServiceProvider? _provider;

    private ISparkConnectClient Client => _provider!.GetRequiredService<ISparkConnectClient>();

    public async Task InitializeAsync()
    {
        _server = await SparkConnectFake.StartAsync(_fake);
        _provider = Build(_server.BaseAddress);
    }

    public async Task DisposeAsync()
    {
        await _provider!.DisposeAsync();
        await _server!.DisposeAsync();
    }

    [Fact]
    public async Task Sql_streams_the_arrow_batches_of_a_reattachable_execution_in_the_session()
    {
        var batches = new List<RecordBatch>();
        await foreach (var batch in Client.SqlAsync(Query))
        {
            batches.Add(batch);
        }

        Assert.Equal([3, 2], batches.Select(b => b.Length));
        Assert.Equal(["id", "name"], batches[0].Schema.FieldsList.Select(f => f.Name));
        var request = Assert.Single(_fake.Executions);
        Assert.Equal(Client.SessionId, request.SessionId);
        Assert.True(Guid.TryParse(request.SessionId, out _));
        Assert.True(Guid.TryParse(request.OperationId, out _));
        Assert.Equal("etl-user", request.UserContext.UserId);
        Assert.Equal(Query, request.Plan.Root.Sql.Query);
        Assert.True(Assert.Single(request.RequestOptions).ReattachOptions.Reattachable);
        Assert.Empty(_fake.Reattachments);
    }

    [Fact]
    public async Task Rows_carry_the_columns_by_name_with_sql_null_as_null()
    {
        var rows = await ToListAsync(Client.SqlRowsAsync(Query));

        Assert.Equal([1L, 2L, 3L, 4L, 5L], rows.Select(r => r["id"]));
        Assert.Equal(["ada", "grace", "edsger", "barbara", null], rows.Select(r => r["name"]));
    }

    [Fact]
    public async Task Each_execution_has_its_own_operation_id_and_is_released_when_read()
    {
        await ToListAsync(Client.SqlRowsAsync(Query));
        await ToListAsync(Client.SqlRowsAsync(Query, "00000000-0000-4000-8000-000000000042"));

        var ids = _fake.Executions.Select(e => e.OperationId).ToList();
        Assert.Equal(2, ids.Distinct().Count());
        Assert.Equal("00000000-0000-4000-8000-000000000042", ids[1]);
        Assert.Equal(ids, _fake.Releases.Select(r => r.OperationId));
        Assert.All(_fake.Releases, r => Assert.Equal(ReleaseExecuteRequest.ReleaseOneofCase.ReleaseAll, r.ReleaseCase));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_dropped_stream_is_reattached_after_the_last_response_without_losing_or_repeating_rows(int dropAfter)
    {
        _fake.End = StreamEnd.Drop;
        _fake.DropAfter = dropAfter;

        var ids = await ReadIdsDroppingAfterAsync(Client, dropAfter);

        Assert.Equal([1L, 2L, 3L, 4L, 5L], ids);
        var reattach = Assert.Single(_fake.Reattachments);
        var execution = Assert.Single(_fake.Executions);
        Assert.Equal(execution.OperationId, reattach.OperationId);
        Assert.Equal(execution.SessionId, reattach.SessionId);
        Assert.Equal($"r{dropAfter}", reattach.LastResponseId);
        Assert.Equal(execution.OperationId, Assert.Single(_fake.Releases).OperationId);
    }

    [Fact]
    public async Task A_stream_the_server_ends_before_result_complete_is_continued()
    {
        _fake.End = StreamEnd.EndEarly;
        _fake.DropAfter = 1;

        var rows = await ToListAsync(Client.SqlRowsAsync(Query));

        Assert.Equal([1L, 2L, 3L, 4L, 5L], rows.Select(r => r["id"]));
        Assert.Equal("r1", Assert.Single(_fake.Reattachments).LastResponseId);
    }

    [Fact]
    public async Task Without_reattach_attempts_a_dropped_stream_fails_as_unreachable_rather_than_returning_part_of_the_result()
    {
        await using var provider = Build(_server!.BaseAddress, reattach: 0);
        _fake.End = StreamEnd.Drop;

        var error = await Assert.ThrowsAnyAsync<AiPlatformException>(() => ReadIdsDroppingAfterAsync(provider.GetRequiredService<ISparkConnectClient>(), 1));

        Assert.Equal("ExecutePlan", error.Operation);
        Assert.Empty(_fake.Reattachments);
    }

    [Fact]
    public async Task Config_set_then_get_round_trips_and_an_unset_key_is_null()
    {
        await Client.SetConfigAsync([new("spark.sql.shuffle.partitions", "8")]);
        var values = await Client.GetConfigAsync(["spark.sql.shuffle.partitions", "spark.not.set"]);

        Assert.Equal("8", values["spark.sql.shuffle.partitions"]);
        Assert.Null(values["spark.not.set"]);
        Assert.All(_fake.ConfigRequests, r => Assert.Equal(Client.SessionId, r.SessionId));
        Assert.Equal("server-session-1", _fake.ConfigRequests.Last().ClientObservedServerSideSessionId);
    }

    [Fact]
    public async Task Interrupt_by_operation_id_names_that_execution()
    {
        var interrupted = await Client.InterruptAsync("00000000-0000-4000-8000-000000000007");

        Assert.Equal(["00000000-0000-4000-8000-000000000007"], interrupted);
        var request = Assert.Single(_fake.Interrupts);
        Assert.Equal(InterruptRequest.Types.InterruptType.OperationId, request.InterruptType);
        Assert.Equal("00000000-0000-4000-8000-000000000007", request.OperationId);
        Assert.Equal(Client.SessionId, request.SessionId);
    }

    [Fact]
    public async Task Interrupt_all_returns_the_interrupted_operations_of_the_session()
    {
        await ToListAsync(Client.SqlRowsAsync(Query));

        var interrupted = await Client.InterruptAllAsync();

        Assert.Equal([_fake.Executions.Single().OperationId], interrupted);
        Assert.Equal(InterruptRequest.Types.InterruptType.All, Assert.Single(_fake.Interrupts).InterruptType);
    }

    [Fact]
    public async Task Releasing_the_session_names_it_and_later_calls_use_a_new_one()
    {
        var session = Client.SessionId;

        await Client.ReleaseSessionAsync();
        await ToListAsync(Client.SqlRowsAsync(Query));

        Assert.Equal(session, Assert.Single(_fake.SessionReleases).SessionId);
        Assert.NotEqual(session, Client.SessionId);
        Assert.Equal(Client.SessionId, _fake.Executions.Single().SessionId);
    }

    [Fact]
    public async Task A_configured_session_id_and_user_are_sent()
    {
        await using var provider = Build(_server!.BaseAddress, session: "00112233-4455-6677-8899-aabbccddeeff");

        await provider.GetRequiredService<ISparkConnectClient>().GetConfigAsync(["spark.sql.session.timeZone"]);

        var request = Assert.Single(_fake.ConfigRequests);
        Assert.Equal("00112233-4455-6677-8899-aabbccddeeff", request.SessionId);
        Assert.Equal("etl-user", request.UserContext.UserId);
    }

    [Fact]
    public async Task A_spark_error_keeps_its_error_class_and_message()
    {
        _fake.Failure = new Status(StatusCode.Internal, "[TABLE_OR_VIEW_NOT_FOUND] The table or view `people` cannot be found. SQLSTATE: 42P01");

        var error = await Assert.ThrowsAsync<AiPlatformException>(() => ToListAsync(Client.SqlRowsAsync(Query)));

        Assert.Equal("spark-connect", error.Service);
        Assert.Equal("ExecutePlan", error.Operation);
        Assert.Equal("TABLE_OR_VIEW_NOT_FOUND", error.ErrorCode);
        Assert.Contains("`people` cannot be found", error.ServerMessage, StringComparison.Ordinal);
        Assert.Empty(_fake.Reattachments);
    }

    [Fact]
    public async Task A_refused_setting_is_a_validation_error_with_its_error_class()
    {
        _fake.Failure = new Status(StatusCode.InvalidArgument, "[CANNOT_MODIFY_CONFIG] Cannot modify the value of the Spark config: \"spark.executor.memory\".");

        var error = await Assert.ThrowsAsync<AiPlatformValidationException>(() => Client.SetConfigAsync([new("spark.executor.memory", "4g")]));

        Assert.Equal("SetConfig", error.Operation);
        Assert.Equal("CANNOT_MODIFY_CONFIG", error.ErrorCode);
    }

    [Fact]
    public async Task A_status_without_an_error_class_maps_by_status()
    {
        _fake.Failure = new Status(StatusCode.PermissionDenied, "not allowed");

        var error = await Assert.ThrowsAsync<AiPlatformForbiddenException>(() => Client.GetConfigAsync(["spark.sql.session.timeZone"]));

        Assert.Equal("PermissionDenied", error.ErrorCode);
    }

    [Fact]
    public async Task Cancelling_mid_stream_throws_cancellation_and_releases_the_execution()
    {
        _fake.End = StreamEnd.Hang;
        using var cancellation = new CancellationTokenSource();
        var read = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var batch in Client.SqlAsync(Query, cancellationToken: cancellation.Token))
            {
                read += batch.Length;
                await cancellation.CancelAsync();
            }
        });

        Assert.Equal(3, read);
        Assert.Empty(_fake.Reattachments);
        Assert.Equal(_fake.Executions.Single().OperationId, Assert.Single(_fake.Releases).OperationId);
    }

    [Fact]
    public async Task Cancelling_a_unary_call_before_it_starts_throws_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.InterruptAllAsync(cancellation.Token));
    }

    internal static ServiceProvider Build(Uri endpoint, int reattach = 3, string? session = null) => PlatformHost.Build(
        new Dictionary<string, string?>
        {
            ["DataPlatform:SparkConnect:Endpoint"] = endpoint.AbsoluteUri,
            ["DataPlatform:SparkConnect:UserId"] = "etl-user",
            ["DataPlatform:SparkConnect:MaxReattachAttempts"] = reattach.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DataPlatform:SparkConnect:SessionId"] = session,
        },
        p => p.AddSparkConnect());

    // Reads the ids batch by batch and lets the fake drop the stream once the client has read the first `dropAfter` batches.
    private async Task<List<long>> ReadIdsDroppingAfterAsync(ISparkConnectClient client, int dropAfter)
    {
        var ids = new List<long>();
        var batches = 0;
        await foreach (var batch in client.SqlAsync(Query))
        {
            ids.AddRange(((Int64Array)batch.Column("id")).Values.ToArray());
            if (++batches == dropAfter)
            {
                _fake.DropNow.TrySetResult();
            }
        }

        return ids;
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

/// <summary>The registration conformance of the Spark Connect client, default and keyed, against the gRPC fake.</summary>
public sealed class SparkConnectConformanceTests : DataPlatformConformanceTests<ISparkConnectClient, SparkConnectSettings>
{
    protected override string Part => "spark-connect";

    protected override string SettingsPath => SparkConnectSettings.SectionPath;

    protected override (string Key, string Value, Func<SparkConnectSettings, string?> Read) SampleSetting => ("UserId", "analyst", s => s.UserId);

    protected override HttpProtocols FakeProtocols => HttpProtocols.Http2;

    protected override void ConfigureFake(IServiceCollection services) => SparkConnectFake.Register(services, new SparkConnectFake());

    protected override void MapFake(WebApplication app) => SparkConnectFake.Map(app);

    protected override void Register(AiPlatformBuilder builder, string? key, Action<SparkConnectSettings>? configure) =>
        _ = key is null ? builder.AddSparkConnect(configure) : builder.AddKeyedSparkConnect(key, configure);

    protected override Task ExerciseAsync(ISparkConnectClient service) => service.GetConfigAsync([SparkConnectRegistration.ProbeKey]);
}
