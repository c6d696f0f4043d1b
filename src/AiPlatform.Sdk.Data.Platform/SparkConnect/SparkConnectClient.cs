using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using AiPlatform.Sdk.Data.Platform.Common;
using AiPlatform.Sdk.Data.Platform.SparkConnect.Protocol;
using AiPlatform.Sdk.Telemetry;
using Apache.Arrow;
using Grpc.Core;
using static AiPlatform.Sdk.Data.Platform.SparkConnect.Protocol.ExecutePlanRequest.Types;

namespace AiPlatform.Sdk.Data.Platform.SparkConnect;

/// <summary>The <see cref="ISparkConnectClient"/> over the generated <c>spark.connect.SparkConnectService</c> stub on Core's gRPC channel.</summary>
internal sealed partial class SparkConnectClient : ISparkConnectClient
{
    internal const string Service = "spark-connect";

    /// <summary>What Spark logs as the client (<c>client_type</c>).</summary>
    internal const string ClientType = "aiplatform-sdk-dotnet";

    private readonly SparkConnectService.SparkConnectServiceClient _grpc;
    private readonly ClientInstrumentation _instrumentation;
    private readonly ServiceCalls _calls;
    private readonly string _userId;
    private readonly int _maxReattachAttempts;
    private readonly TimeProvider _time;
    private volatile string _sessionId;
    private volatile string? _serverSideSessionId;

    public SparkConnectClient(
        SparkConnectService.SparkConnectServiceClient grpc, ClientInstrumentation instrumentation, SparkConnectSettings settings, TimeProvider time)
    {
        _grpc = grpc;
        _instrumentation = instrumentation;
        _calls = new ServiceCalls(Service, instrumentation, SparkError);
        _userId = settings.UserId ?? string.Empty;
        _maxReattachAttempts = settings.MaxReattachAttempts;
        _time = time;
        _sessionId = settings.SessionId ?? NewId();
    }

    public string SessionId => _sessionId;

    public async IAsyncEnumerable<RecordBatch> SqlAsync(
        string sql, string? operationId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        var request = new ExecutePlanRequest
        {
            SessionId = _sessionId,
            UserContext = User(),
            OperationId = operationId ?? NewId(),
            Plan = new Plan { Root = new Relation { Sql = new SQL { Query = sql } } },
            ClientType = ClientType,
            RequestOptions = { new RequestOption { ReattachOptions = new ReattachOptions { Reattachable = true } } },
        };
        if (_serverSideSessionId is { } observed)
        {
            request.ClientObservedServerSideSessionId = observed;
        }

        using var activity = _instrumentation.StartActivity("ExecutePlan");
        activity?.SetTag("spark.operation_id", request.OperationId);
        var started = _instrumentation.Timestamp();
        var execution = new ReattachableExecution(_grpc, request, _maxReattachAttempts, e => _calls.Map(e, "ExecutePlan", null), _time, cancellationToken);
        await using (execution.ConfigureAwait(false))
        {
            try
            {
                while (await execution.NextAsync().ConfigureAwait(false) is { } response)
                {
                    Observe(response.ServerSideSessionId);
                    if (response.ResponseTypeCase == ExecutePlanResponse.ResponseTypeOneofCase.ArrowBatch)
                    {
                        foreach (var batch in ArrowBatches.Read(response.ArrowBatch.Data))
                        {
                            yield return batch;
                        }
                    }
                }
            }
            finally
            {
                if (execution.Error is { } error)
                {
                    activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, error.Message);
                    activity?.SetTag("error.type", ErrorType(error));
                }

                activity?.SetTag("spark.reattachments", execution.Reattachments);
                _instrumentation.Record("ExecutePlan", started, execution.Error is { } failed ? ErrorType(failed) : null);
            }
        }
    }

    public async IAsyncEnumerable<IReadOnlyDictionary<string, object?>> SqlRowsAsync(
        string sql, string? operationId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var batch in SqlAsync(sql, operationId, cancellationToken).ConfigureAwait(false))
        {
            using (batch)
            {
                foreach (var row in ArrowRows.Read(batch))
                {
                    yield return row;
                }
            }
        }
    }

    public async Task<IReadOnlyDictionary<string, string?>> GetConfigAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var get = new ConfigRequest.Types.GetOption { Keys = { keys } };
        var response = await ConfigAsync("GetConfig", new ConfigRequest.Types.Operation { GetOption = get }, cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in get.Keys)
        {
            values[key] = null;
        }

        foreach (var pair in response.Pairs)
        {
            values[pair.Key] = pair.HasValue ? pair.Value : null;
        }

        return values;
    }

    public async Task SetConfigAsync(IEnumerable<KeyValuePair<string, string>> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var set = new ConfigRequest.Types.Set();
        set.Pairs.AddRange(values.Select(v => new KeyValue { Key = v.Key, Value = v.Value ?? throw new ArgumentException($"The value of {v.Key} is null.", nameof(values)) }));
        await ConfigAsync("SetConfig", new ConfigRequest.Types.Operation { Set = set }, cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<string>> InterruptAllAsync(CancellationToken cancellationToken = default) =>
        InterruptAsync(new InterruptRequest { InterruptType = InterruptRequest.Types.InterruptType.All }, cancellationToken);

    public Task<IReadOnlyList<string>> InterruptAsync(string operationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operationId);
        return InterruptAsync(new InterruptRequest { InterruptType = InterruptRequest.Types.InterruptType.OperationId, OperationId = operationId }, cancellationToken);
    }

    public Task ReleaseSessionAsync(CancellationToken cancellationToken = default) =>
        _calls.RunAsync("ReleaseSession", null, async ct =>
        {
            var session = _sessionId;
            await _grpc.ReleaseSessionAsync(
                new ReleaseSessionRequest { SessionId = session, UserContext = User(), ClientType = ClientType }, cancellationToken: ct).ConfigureAwait(false);

            // Spark refuses a released session id for good: the next call starts a new session.
            if (Interlocked.CompareExchange(ref _sessionId, NewId(), session) == session)
            {
                _serverSideSessionId = null;
            }
        }, cancellationToken);

    private Task<IReadOnlyList<string>> InterruptAsync(InterruptRequest request, CancellationToken cancellationToken) =>
        _calls.RunAsync<IReadOnlyList<string>>("Interrupt", request.OperationId is { Length: > 0 } id ? $"operation {id}" : null, async ct =>
        {
            request.SessionId = _sessionId;
            request.UserContext = User();
            request.ClientType = ClientType;
            Observed(o => request.ClientObservedServerSideSessionId = o);
            var response = await _grpc.InterruptAsync(request, cancellationToken: ct).ConfigureAwait(false);
            Observe(response.ServerSideSessionId);
            return [.. response.InterruptedIds];
        }, cancellationToken);

    private Task<ConfigResponse> ConfigAsync(string operation, ConfigRequest.Types.Operation configOperation, CancellationToken cancellationToken) =>
        _calls.RunAsync(operation, null, async ct =>
        {
            var request = new ConfigRequest { SessionId = _sessionId, UserContext = User(), Operation = configOperation, ClientType = ClientType };
            Observed(o => request.ClientObservedServerSideSessionId = o);
            var response = await _grpc.ConfigAsync(request, cancellationToken: ct).ConfigureAwait(false);
            Observe(response.ServerSideSessionId);
            return response;
        }, cancellationToken);

    private UserContext User() => new() { UserId = _userId, UserName = _userId };

    // Spark checks the server-side session id a client observed, so that a restarted server's new session is not taken for the old one.
    private void Observe(string serverSideSessionId)
    {
        if (serverSideSessionId.Length > 0)
        {
            _serverSideSessionId = serverSideSessionId;
        }
    }

    private void Observed(Action<string> set)
    {
        if (_serverSideSessionId is { } observed)
        {
            set(observed);
        }
    }

    private static string NewId() => Guid.NewGuid().ToString();

    private static string ErrorType(Exception error) => error is AiPlatformException { ErrorCode: { } code } ? code : error.GetType().Name;

    /// <summary>
    /// Spark's errors carry their error class first in the status message (<c>[TABLE_OR_VIEW_NOT_FOUND] The table or view ...</c>);
    /// it becomes the error code, which callers branch on, instead of the gRPC status name.
    /// </summary>
    private static AiPlatformException? SparkError(Exception exception, string operation)
    {
        if (exception is not RpcException rpc || ErrorClassPattern().Match(rpc.Status.Detail ?? string.Empty) is not { Success: true } match)
        {
            return null;
        }

        var generic = AiPlatformErrors.FromRpc(rpc, Service, operation);
        return AiPlatformErrors.FromStatus(Service, operation, generic.StatusCode, match.Groups[1].Value, generic.ServerMessage, innerException: rpc);
    }

    [GeneratedRegex(@"^\[([A-Z][A-Z0-9_]*(?:\.[A-Z0-9_]+)*)\]")]
    private static partial Regex ErrorClassPattern();
}
