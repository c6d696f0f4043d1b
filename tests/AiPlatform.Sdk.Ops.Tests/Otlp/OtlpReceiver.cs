using System.Collections.Concurrent;
using System.Net;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Metrics.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace AiPlatform.Sdk.Ops.Tests.Otlp;

/// <summary>
/// An OTLP/gRPC receiver on a free loopback port, served by Kestrel from the collector's own service definitions: it keeps every
/// export request it is sent, as a collector would receive them.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<ExportTraceServiceRequest> Traces { get; } = new();

    public ConcurrentQueue<ExportMetricsServiceRequest> Metrics { get; } = new();

    public ConcurrentQueue<ExportLogsServiceRequest> Logs { get; } = new();

    public IEnumerable<(IReadOnlyList<KeyValue> Resource, Span Span)> Spans =>
        Traces.SelectMany(r => r.ResourceSpans).SelectMany(rs => rs.ScopeSpans.SelectMany(ss => ss.Spans.Select(s => ((IReadOnlyList<KeyValue>)rs.Resource.Attributes, s))));

    public IEnumerable<string> MetricNames =>
        Metrics.SelectMany(r => r.ResourceMetrics).SelectMany(rm => rm.ScopeMetrics).SelectMany(sm => sm.Metrics).Select(m => m.Name);

    public IEnumerable<LogRecord> LogRecords => Logs.SelectMany(r => r.ResourceLogs).SelectMany(rl => rl.ScopeLogs).SelectMany(sl => sl.LogRecords);

    /// <summary>Everything received, re-serialized (unknown fields included): what a collector would store.</summary>
    public byte[] AllBytes() =>
        [.. Traces.SelectMany(r => r.ToByteArray()), .. Metrics.SelectMany(r => r.ToByteArray()), .. Logs.SelectMany(r => r.ToByteArray())];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        var receiver = new OtlpReceiver();
        builder.Services.AddSingleton(receiver);
        var app = receiver._app = builder.Build();
        app.MapGrpcService<TraceSink>();
        app.MapGrpcService<MetricsSink>();
        app.MapGrpcService<LogsSink>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return receiver;
    }

    /// <summary>Polls until <paramref name="condition"/> holds (exporters batch on their own schedule); fails after a generous deadline.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, Func<string>? received = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"The receiver never got {what}. {received?.Invoke()}");
            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed class TraceSink(OtlpReceiver receiver) : TraceService.TraceServiceBase
    {
        public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context)
        {
            receiver.Traces.Enqueue(request);
            return Task.FromResult(new ExportTraceServiceResponse());
        }
    }

    private sealed class MetricsSink(OtlpReceiver receiver) : MetricsService.MetricsServiceBase
    {
        public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
        {
            receiver.Metrics.Enqueue(request);
            return Task.FromResult(new ExportMetricsServiceResponse());
        }
    }

    private sealed class LogsSink(OtlpReceiver receiver) : LogsService.LogsServiceBase
    {
        public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context)
        {
            receiver.Logs.Enqueue(request);
            return Task.FromResult(new ExportLogsServiceResponse());
        }
    }
}
