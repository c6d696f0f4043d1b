using System.Collections.Concurrent;
using AiPlatform.Sdk.Data.Platform.SparkConnect.Protocol;
using AiPlatform.Sdk.Testing;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace AiPlatform.Sdk.Data.Platform.Tests.SparkConnect;

/// <summary>How the fake's <c>ExecutePlan</c> stream behaves after <see cref="SparkConnectFake.DropAfter"/> responses.</summary>
internal enum StreamEnd
{
    /// <summary>All responses, the last one <c>ResultComplete</c>.</summary>
    Complete,

    /// <summary>The HTTP/2 stream is reset, as when a proxy or the network drops it.</summary>
    Drop,

    /// <summary>The server completes the call without <c>ResultComplete</c>, as Spark does when it rotates a long stream.</summary>
    EndEarly,

    /// <summary>The stream waits until the client goes away.</summary>
    Hang,
}

/// <summary>
/// An in-process Spark Connect server: a Grpc.AspNetCore service on Kestrel (cleartext HTTP/2, free loopback port) bound by hand to
/// <c>spark.connect.SparkConnectService</c> with the client's messages. <c>ExecutePlan</c> answers a query with real Arrow IPC streams
/// built with Apache.Arrow: two batches of (id bigint, name string), then <c>ResultComplete</c>; <c>ReattachExecute</c> resumes after
/// the last response id it is given. Every request is recorded.
/// </summary>
internal sealed class SparkConnectFake : SparkConnectServiceBase
{
    public static readonly Schema ResultSchema = new Schema.Builder()
        .Field(f => f.Name("id").DataType(Apache.Arrow.Types.Int64Type.Default).Nullable(false))
        .Field(f => f.Name("name").DataType(Apache.Arrow.Types.StringType.Default).Nullable(true))
        .Build();

    public StreamEnd End { get; set; } = StreamEnd.Complete;

    /// <summary>How many responses the first stream sends before <see cref="End"/> applies (Drop, EndEarly, Hang).</summary>
    public int DropAfter { get; set; } = 1;

    /// <summary>Completed by a test once the client has read what was sent, so that a drop cannot discard responses still in flight.</summary>
    public TaskCompletionSource DropNow { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A status every call fails with instead of answering.</summary>
    public Status? Failure { get; set; }

    public ConcurrentQueue<ExecutePlanRequest> Executions { get; } = new();

    public ConcurrentQueue<ReattachExecuteRequest> Reattachments { get; } = new();

    public ConcurrentQueue<ReleaseExecuteRequest> Releases { get; } = new();

    public ConcurrentQueue<InterruptRequest> Interrupts { get; } = new();

    public ConcurrentQueue<ReleaseSessionRequest> SessionReleases { get; } = new();

    public ConcurrentQueue<ConfigRequest> ConfigRequests { get; } = new();

    public ConcurrentDictionary<string, string> Values { get; } = new(StringComparer.Ordinal) { ["spark.sql.session.timeZone"] = "UTC" };

    public static Task<KestrelTestServer> StartAsync(SparkConnectFake fake) =>
        KestrelTestServer.StartAsync(Map, services => Register(services, fake), HttpProtocols.Http2);

    public static void Register(IServiceCollection services, SparkConnectFake fake)
    {
        services.AddGrpc();
        services.AddSingleton(fake);
    }

    public static void Map(WebApplication app) => app.MapGrpcService<SparkConnectFake>();

    /// <summary>The responses of one execution: two Arrow batches (ids 1–3, then 4–5 with a NULL name), then ResultComplete.</summary>
    public static IReadOnlyList<ExecutePlanResponse> Responses(ExecutePlanRequest request) =>
    [
        Response(request, "r1", new() { ArrowBatch = Arrow([1, 2, 3], ["ada", "grace", "edsger"]) }),
        Response(request, "r2", new() { ArrowBatch = Arrow([4, 5], ["barbara", null]) }),
        Response(request, "r3", new() { ResultComplete = new ExecutePlanResponse.Types.ResultComplete() }),
    ];

    public override async Task ExecutePlan(ExecutePlanRequest request, IServerStreamWriter<ExecutePlanResponse> stream, ServerCallContext context)
    {
        Executions.Enqueue(request);
        ThrowIfFailing();
        var responses = Responses(request);
        if (End == StreamEnd.Complete)
        {
            await WriteAsync(responses, stream);
            return;
        }

        await WriteAsync(responses.Take(DropAfter), stream);
        switch (End)
        {
            case StreamEnd.Drop:
                await DropNow.Task.WaitAsync(context.CancellationToken);
                context.GetHttpContext().Abort();
                break;
            case StreamEnd.Hang:
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                break;
        }
    }

    public override async Task ReattachExecute(ReattachExecuteRequest request, IServerStreamWriter<ExecutePlanResponse> stream, ServerCallContext context)
    {
        Reattachments.Enqueue(request);
        var execution = Executions.LastOrDefault(e => e.OperationId == request.OperationId)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"[INVALID_HANDLE.OPERATION_NOT_FOUND] The handle {request.OperationId} is invalid."));
        var responses = Responses(execution);
        var resumeAt = request.HasLastResponseId ? responses.ToList().FindIndex(r => r.ResponseId == request.LastResponseId) + 1 : 0;
        await WriteAsync(responses.Skip(resumeAt), stream);
    }

    public override Task<ReleaseExecuteResponse> ReleaseExecute(ReleaseExecuteRequest request, ServerCallContext context)
    {
        Releases.Enqueue(request);
        return Task.FromResult(new ReleaseExecuteResponse { SessionId = request.SessionId, OperationId = request.OperationId });
    }

    public override Task<ConfigResponse> Config(ConfigRequest request, ServerCallContext context)
    {
        ConfigRequests.Enqueue(request);
        ThrowIfFailing();
        var response = new ConfigResponse { SessionId = request.SessionId, ServerSideSessionId = "server-session-1" };
        switch (request.Operation.OpTypeCase)
        {
            case ConfigRequest.Types.Operation.OpTypeOneofCase.Set:
                foreach (var pair in request.Operation.Set.Pairs)
                {
                    Values[pair.Key] = pair.Value;
                }

                break;
            case ConfigRequest.Types.Operation.OpTypeOneofCase.GetOption:
                response.Pairs.AddRange(request.Operation.GetOption.Keys.Select(k =>
                    Values.TryGetValue(k, out var v) ? new KeyValue { Key = k, Value = v } : new KeyValue { Key = k }));
                break;
            default:
                throw new RpcException(new Status(StatusCode.Unimplemented, "not in the fake"));
        }

        return Task.FromResult(response);
    }

    public override Task<InterruptResponse> Interrupt(InterruptRequest request, ServerCallContext context)
    {
        Interrupts.Enqueue(request);
        var ids = request.InterruptType == InterruptRequest.Types.InterruptType.OperationId
            ? [request.OperationId]
            : Executions.Select(e => e.OperationId).Distinct().ToArray();
        return Task.FromResult(new InterruptResponse { SessionId = request.SessionId, InterruptedIds = { ids } });
    }

    public override Task<ReleaseSessionResponse> ReleaseSession(ReleaseSessionRequest request, ServerCallContext context)
    {
        SessionReleases.Enqueue(request);
        return Task.FromResult(new ReleaseSessionResponse { SessionId = request.SessionId });
    }

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw new RpcException(failure);
        }
    }

    private static async Task WriteAsync(IEnumerable<ExecutePlanResponse> responses, IServerStreamWriter<ExecutePlanResponse> stream)
    {
        foreach (var response in responses)
        {
            await stream.WriteAsync(response);
        }
    }

    private static ExecutePlanResponse Response(ExecutePlanRequest request, string id, ExecutePlanResponse response)
    {
        response.SessionId = request.SessionId;
        response.ServerSideSessionId = "server-session-1";
        response.OperationId = request.OperationId;
        response.ResponseId = id;
        return response;
    }

    /// <summary>One Spark ArrowBatch: an Arrow IPC stream holding the schema and one record batch.</summary>
    private static ExecutePlanResponse.Types.ArrowBatch Arrow(long[] ids, string?[] names)
    {
        var idColumn = new Int64Array.Builder().AppendRange(ids).Build();
        var nameBuilder = new StringArray.Builder();
        foreach (var name in names)
        {
            _ = name is null ? nameBuilder.AppendNull() : nameBuilder.Append(name);
        }

        using var batch = new RecordBatch(ResultSchema, [idColumn, nameBuilder.Build()], ids.Length);
        using var buffer = new MemoryStream();
        using (var writer = new ArrowStreamWriter(buffer, ResultSchema, leaveOpen: true))
        {
            writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }

        return new ExecutePlanResponse.Types.ArrowBatch { RowCount = ids.Length, Data = ByteString.CopyFrom(buffer.ToArray()) };
    }
}

/// <summary>
/// The server side of <c>spark.connect.SparkConnectService</c>, bound by hand (Grpc.Tools generates the client only, in the client
/// package): the methods a fake overrides, and the binding Grpc.AspNetCore discovers through <see cref="BindServiceMethodAttribute"/>.
/// </summary>
[BindServiceMethod(typeof(SparkConnectServiceBase), nameof(BindService))]
internal abstract class SparkConnectServiceBase
{
    public const string ServiceName = "spark.connect.SparkConnectService";

    public virtual Task ExecutePlan(ExecutePlanRequest request, IServerStreamWriter<ExecutePlanResponse> stream, ServerCallContext context) => throw Unimplemented();

    public virtual Task ReattachExecute(ReattachExecuteRequest request, IServerStreamWriter<ExecutePlanResponse> stream, ServerCallContext context) => throw Unimplemented();

    public virtual Task<ReleaseExecuteResponse> ReleaseExecute(ReleaseExecuteRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<ConfigResponse> Config(ConfigRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<InterruptResponse> Interrupt(InterruptRequest request, ServerCallContext context) => throw Unimplemented();

    public virtual Task<ReleaseSessionResponse> ReleaseSession(ReleaseSessionRequest request, ServerCallContext context) => throw Unimplemented();

    public static void BindService(ServiceBinderBase binder, SparkConnectServiceBase? service)
    {
        binder.AddMethod(Method<ExecutePlanRequest, ExecutePlanResponse>(MethodType.ServerStreaming, "ExecutePlan"),
            service is null ? null! : (ServerStreamingServerMethod<ExecutePlanRequest, ExecutePlanResponse>)service.ExecutePlan);
        binder.AddMethod(Method<ReattachExecuteRequest, ExecutePlanResponse>(MethodType.ServerStreaming, "ReattachExecute"),
            service is null ? null! : (ServerStreamingServerMethod<ReattachExecuteRequest, ExecutePlanResponse>)service.ReattachExecute);
        binder.AddMethod(Method<ReleaseExecuteRequest, ReleaseExecuteResponse>(MethodType.Unary, "ReleaseExecute"),
            service is null ? null! : (UnaryServerMethod<ReleaseExecuteRequest, ReleaseExecuteResponse>)service.ReleaseExecute);
        binder.AddMethod(Method<ConfigRequest, ConfigResponse>(MethodType.Unary, "Config"),
            service is null ? null! : (UnaryServerMethod<ConfigRequest, ConfigResponse>)service.Config);
        binder.AddMethod(Method<InterruptRequest, InterruptResponse>(MethodType.Unary, "Interrupt"),
            service is null ? null! : (UnaryServerMethod<InterruptRequest, InterruptResponse>)service.Interrupt);
        binder.AddMethod(Method<ReleaseSessionRequest, ReleaseSessionResponse>(MethodType.Unary, "ReleaseSession"),
            service is null ? null! : (UnaryServerMethod<ReleaseSessionRequest, ReleaseSessionResponse>)service.ReleaseSession);
    }

    private static Method<TRequest, TResponse> Method<TRequest, TResponse>(MethodType type, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        new(type, ServiceName, name, Marshaller<TRequest>(), Marshaller<TResponse>());

    private static Marshaller<T> Marshaller<T>()
        where T : class, IMessage<T>, new() =>
        Marshallers.Create(m => m.ToByteArray(), new MessageParser<T>(() => new T()).ParseFrom);

    private static RpcException Unimplemented() => new(new Status(StatusCode.Unimplemented, "not in the fake"));
}
