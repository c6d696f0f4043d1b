using System.Net;
using System.Net.Http.Json;
using System.Text;
using AiPlatform.Sdk.Serving.Inference.Protocol;
using AiPlatform.Sdk.Testing;
using AiPlatform.ReferenceHost.Tests.Inference;
using Grpc.Core;
using Grpc.Net.Client;

namespace AiPlatform.ReferenceHost.Tests;

/// <summary>
/// Inference and embeddings admit a bounded number of requests per model, one running and none queued here: a request that
/// holds the only slot (its body half sent, so the host is reading it) makes the next one fail fast with 429 or RESOURCE_EXHAUSTED.
/// </summary>
public sealed class ResourceLimitTests : IAsyncLifetime
{
    // Far more than the socket and server buffers hold, so that the writer finishing this prefix means the host is reading the body.
    private const int HeldPrefixBytes = 24 * 1024 * 1024;
    private readonly string _repository = Directory.CreateTempSubdirectory("aiplatform-models-").FullName;
    private ReferenceHostProcess _host = null!;
    private Uri _grpc = null!;

    public async Task InitializeAsync()
    {
        OnnxIdentityModel.Write(_repository, "identity_fp32", "FP32", -1);
        var grpcPort = LoopbackPort.Free();
        _grpc = new Uri($"http://127.0.0.1:{grpcPort}/");
        _host = await ReferenceHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["AiPlatform:Server:Authentication:AllowAnonymous"] = "true",
            ["AiPlatform:Server:Inference:ModelRepository"] = _repository,
            ["AiPlatform:Server:Inference:GrpcPort"] = grpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AiPlatform:Server:Inference:MaxConcurrentRequestsPerModel"] = "1",
            ["AiPlatform:Server:Inference:MaxQueuedRequestsPerModel"] = "0",
            ["AiPlatform:Server:Embeddings:MaxConcurrentRequests"] = "1",
            ["AiPlatform:Server:Embeddings:MaxQueuedRequests"] = "0",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_repository, recursive: true);
    }

    [Fact]
    public async Task Inference_beyond_a_models_concurrency_and_queue_is_429_over_rest_and_resource_exhausted_over_grpc()
    {
        await using var held = await HoldAsync("v2/models/identity_fp32/infer");

        using var rest = await _host.Client.PostAsync("v2/models/identity_fp32/infer",
            new StringContent("""{"inputs":[{"name":"INPUT","shape":[1],"datatype":"FP32","data":[1.0]}]}""", Encoding.UTF8, "application/json"));
        using var channel = GrpcChannel.ForAddress(_grpc);
        var request = new ModelInferRequest { ModelName = "identity_fp32" };
        request.Inputs.Add(new ModelInferRequest.Types.InferInputTensor
        {
            Name = "INPUT", Datatype = "FP32", Shape = { 1 }, Contents = new InferTensorContents { Fp32Contents = { 1f } },
        });
        var grpc = await Assert.ThrowsAsync<RpcException>(() => new GRPCInferenceService.GRPCInferenceServiceClient(channel).ModelInferAsync(request).ResponseAsync);

        Assert.Equal(HttpStatusCode.TooManyRequests, rest.StatusCode);
        Assert.Contains("busy", await rest.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(StatusCode.ResourceExhausted, grpc.StatusCode);
    }

    [Fact]
    public async Task Embeddings_beyond_the_concurrency_and_queue_are_429()
    {
        await using var held = await HoldAsync("v1/embeddings");

        using var second = await _host.Client.PostAsJsonAsync("v1/embeddings", new { input = "hello" });

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
    }

    [Fact]
    public async Task A_slot_is_free_again_once_the_request_holding_it_ends()
    {
        await (await HoldAsync("v1/embeddings")).DisposeAsync();

        // The host learns of the abort a moment later; until then the slot is still held, so ask until it answers.
        var status = HttpStatusCode.TooManyRequests;
        using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (status == HttpStatusCode.TooManyRequests && !patience.IsCancellationRequested)
        {
            using var next = await _host.Client.PostAsJsonAsync("v1/embeddings", new { input = "hello" });
            status = next.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private async Task<HeldRequest> HoldAsync(string path)
    {
        var held = new HeldRequest(_host.Client, path, HeldPrefixBytes);
        await held.PrefixSent.WaitAsync(TimeSpan.FromMinutes(1));
        return held;
    }

    /// <summary>A POST whose body stops after a prefix of whitespace until it is disposed, which aborts it.</summary>
    private sealed class HeldRequest : IAsyncDisposable
    {
        private readonly CancellationTokenSource _abort = new();
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Task _response;

        public HeldRequest(HttpClient client, string path, int prefixBytes)
        {
            _response = client.PostAsync(path, new Body(prefixBytes, _sent), _abort.Token);
        }

        public Task PrefixSent => _sent.Task;

        public async ValueTask DisposeAsync()
        {
            await _abort.CancelAsync();
            await _response.ContinueWith(_ => { }, TaskScheduler.Default);
            _abort.Dispose();
        }

        private sealed class Body(int prefixBytes, TaskCompletionSource sent) : HttpContent
        {
            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
            {
                var block = new byte[64 * 1024];
                Array.Fill(block, (byte)' ');
                for (var written = 0; written < prefixBytes; written += block.Length)
                {
                    await stream.WriteAsync(block, cancellationToken);
                }

                await stream.FlushAsync(cancellationToken);
                sent.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
                SerializeToStreamAsync(stream, context, CancellationToken.None);

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }
        }
    }
}
